package io.github.migrationtest.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Puts the walk's connection back to a fresh session after each step, so nothing one revision set
 * for its session reaches the next: {@code SET session_replication_role = replica} in one revision
 * let a later revision's broken foreign key pass. This is {@code DISCARD ALL} without
 * {@code DEALLOCATE ALL} and {@code DISCARD PLANS}: the driver's server-prepared statements (the
 * snapshot reader's among them) would be gone behind its back. A new connection per step would do
 * too, but costs a connection and the reader's plans each time (measured in the README's section).
 */
final class SessionReset {

    /**
     * {@code SET SESSION AUTHORIZATION DEFAULT} also ends a {@code SET ROLE}; {@code RESET ALL} puts
     * every setting back to what the connection started with (the driver's start-up parameters and
     * the role's and database's defaults then).
     */
    private static final String RESET = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *;"
            + " SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES";

    /**
     * Postgres 15 and later: the session's statistics are flushed as the reset's round trip ends. A backend
     * flushes them when it goes idle outside a transaction, at most once a second unless asked to: asked, no
     * scan counted before is left pending in the session, and a step measured next need not read every
     * table's pending count at its start (see {@code StepStart}).
     */
    private static final String FLUSH_STATISTICS = "; SELECT pg_catalog.pg_stat_force_next_flush()";

    private SessionReset() {
    }

    /**
     * Resets the session; first rolls back a transaction the step left open, which must not be
     * committed by whatever runs next. Returns whether there was one.
     *
     * @param flushStatistics whether to flush the session's statistics too (Postgres 15 and later only)
     */
    static boolean reset(Connection connection, boolean flushStatistics) throws SQLException {
        boolean open = !connection.getAutoCommit()
                || connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
        try (Statement statement = connection.createStatement()) {
            // One round trip: the rollback (in SQL, as JDBC's refuses in auto-commit mode) ends the transaction block,
            // and the reset runs after it.
            String reset = flushStatistics ? RESET + FLUSH_STATISTICS : RESET;
            statement.execute(open ? "ROLLBACK; " + reset : reset);
        }
        if (open) {
            connection.setAutoCommit(true);
        }
        return open;
    }

    /**
     * Resets the session inside the transaction a round trip runs in and is rolled back afterwards (where
     * steps may not end it: they hold no transaction control), leaving that transaction open. Returns false:
     * no transaction of the step's own is left.
     */
    static boolean resetInTransaction(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(RESET);
        }
        return false;
    }
}
