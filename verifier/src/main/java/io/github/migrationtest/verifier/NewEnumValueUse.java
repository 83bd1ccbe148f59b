package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;

/**
 * A migration that adds an enum value and uses it in the same transaction ({@code ALTER TYPE mood ADD VALUE 'b'} then
 * {@code UPDATE t SET m = 'b'}): Postgres refuses the use until the addition commits, in production as here (every
 * tool runs a migration's statements in one transaction by default). The fix is where the use goes, not the statement.
 */
final class NewEnumValueUse {

    /** unsafe_new_enum_value_usage. */
    private static final String UNSAFE_NEW_ENUM_VALUE_USAGE = "55P04";

    private NewEnumValueUse() {
    }

    /** The failure with its fix, when it is such a use; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (!failure.sqlState().equals(UNSAFE_NEW_ENUM_VALUE_USAGE)) {
            return Optional.empty();
        }
        return Optional.of(failure.withFix("Use the new enum value in a later migration than the one that adds it (the"
                + " statement at " + failure.location() + " runs in the transaction that adds it), or run this migration"
                + " outside a transaction where the tool allows it"));
    }
}
