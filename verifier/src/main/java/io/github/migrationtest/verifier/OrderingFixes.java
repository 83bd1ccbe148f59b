package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Failures of a right statement in the wrong place, by SQLSTATE, each with the fix that says what goes where:
 * <ul>
 *   <li>an enum value used in the transaction that adds it ({@code ALTER TYPE mood ADD VALUE 'b'} then
 *   {@code UPDATE t SET m = 'b'}): Postgres refuses the use until the addition commits, in production as here (every
 *   tool runs a migration's statements in one transaction by default);</li>
 *   <li>a {@code DROP} refused because other objects depend on what it drops (Postgres's detail names them): most
 *   often a downgrade that drops in the upgrade's order instead of the reverse, or a later revision's downgrade that
 *   left its objects behind.</li>
 * </ul>
 */
final class OrderingFixes {

    /** By SQLSTATE: unsafe_new_enum_value_usage, dependent_objects_still_exist; each from the failure's location. */
    private static final Map<String, Function<String, String>> FIXES = Map.of(
            "55P04", at -> "Use the new enum value in a later migration than the one that adds it (the statement at " + at
                    + " runs in the transaction that adds it), or run this migration outside a transaction where the"
                    + " tool allows it",
            "2BP01", at -> "Drop what depends on it (the detail names it) before the statement at " + at + ": a downgrade"
                    + " undoes its upgrade in reverse order, and a later revision's downgrade drops what that revision"
                    + " made; or drop the dependents with CASCADE there");

    private OrderingFixes() {
    }

    /** The failure with its fix, when it is one of these; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        return Optional.ofNullable(FIXES.get(failure.sqlState()))
                .map(fix -> failure.withFix(fix.apply(failure.location())));
    }
}
