package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;

/**
 * A statement refused creating in schema {@code public}: since Postgres 15 that schema grants {@code CREATE} only to
 * its owner (the database's owner, which the migrations' own login is), where earlier majors granted it to everyone.
 * A history written for Postgres 14 or earlier that creates tables after {@code SET ROLE app} (or runs as a role given
 * with {@code --migrations-as}) works there and fails here: the statement is not what to fix, the major or a grant is.
 */
final class PublicSchemaCreate {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String MESSAGE = "permission denied for schema public";

    private PublicSchemaCreate() {
    }

    /** The failure with the hint and fix, when creating in schema public was refused; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (!failure.sqlState().equals(INSUFFICIENT_PRIVILEGE) || !failure.message().startsWith(MESSAGE)) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("Since Postgres 15, schema public lets only its owner (the database's"
                        + " owner) create in it; earlier majors let every role. The statement ran as another role (after"
                        + " SET ROLE, or the role --migrations-as names), which a history written for Postgres 14 or"
                        + " earlier may assume can create there")
                .withFix("If production runs Postgres 14 or earlier, verify on that major (--postgres 14); otherwise"
                        + " grant the role CREATE ON SCHEMA public in a revision before " + failure.location()
                        + " (or in the deployment's --init script), as production needs it too"));
    }
}
