package io.github.migrationtest.verifier.snapshot;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/** Statements the walk runs again and again on one connection: snapshot reads, the walk's one-value questions. */
public final class PreparedOnce {

    private PreparedOnce() {
    }

    /**
     * Has {@code statement} prepared on the server at its first run, so that its next run on this
     * connection skips parsing and, with a generic plan, planning too: a verifier snapshots each
     * state several times on one connection, and a new connection after every rebuild.
     */
    public static void atFirstRun(PreparedStatement statement) throws SQLException {
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
        }
    }
}
