package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;

/**
 * A {@code DROP} refused because other objects depend on what it drops (Postgres's detail names them): most often a
 * downgrade that drops in the upgrade's order instead of the reverse, or a later revision's downgrade that left its
 * objects behind. The statement is right; what must go first is the fix.
 */
final class DependentObjects {

    /** dependent_objects_still_exist. */
    private static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    private DependentObjects() {
    }

    /** The failure with its fix, when it is such a refusal; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (!failure.sqlState().equals(DEPENDENT_OBJECTS_STILL_EXIST)) {
            return Optional.empty();
        }
        return Optional.of(failure.withFix("Drop what depends on it (the detail names it) before the statement at "
                + failure.location() + ": a downgrade undoes its upgrade in reverse order, and a later revision's"
                + " downgrade drops what that revision made; or drop the dependents with CASCADE there"));
    }
}
