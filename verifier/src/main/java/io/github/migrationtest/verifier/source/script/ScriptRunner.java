package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs a revision's scripts over JDBC: in one transaction when Postgres allows it, statement by
 * statement otherwise, and turns a failing statement into a {@link MigrationFailure} that points at
 * the file, line and column.
 */
public final class ScriptRunner {

    private final SessionTimeouts timeouts;

    public ScriptRunner(Duration lockTimeout, Duration statementTimeout) {
        this.timeouts = new SessionTimeouts(lockTimeout, statementTimeout);
    }

    /**
     * Runs the scripts in order.
     *
     * @param forcedOutsideTransaction a reason the user gave to run without a transaction (dbmate's
     *     {@code transaction:false}); empty to decide from the statements
     */
    public StepResult run(
            Revision revision, Direction direction, List<SqlScript> scripts, String forcedOutsideTransaction,
            Connection connection) {
        long started = System.nanoTime();
        try {
            String outside = forcedOutsideTransaction.isEmpty()
                    ? TransactionRules.reasonToRunOutsideTransaction(scripts, connection.getMetaData().getDatabaseMajorVersion())
                            .orElse("")
                    : forcedOutsideTransaction;
            boolean transactional = outside.isEmpty();
            int count = timeouts.around(connection, () -> runAll(revision, direction, scripts, transactional, connection));
            return new StepResult(revision, direction, transactional, outside, count,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            // Not a statement's failure: the session itself (timeouts, auto-commit) could not be set.
            String file = scripts.isEmpty() ? "" : scripts.get(0).file();
            throw new MigrationFailedException(revision, direction, PostgresErrors.failure(file, e), e);
        }
    }

    private static int runAll(
            Revision revision, Direction direction, List<SqlScript> scripts, boolean transactional, Connection connection)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(!transactional);
        try {
            int count = 0;
            for (SqlScript script : scripts) {
                for (SqlStatement statement : script.statements()) {
                    execute(revision, direction, script, statement, connection, transactional);
                    count++;
                }
            }
            if (transactional) {
                connection.commit();
            }
            return count;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void execute(
            Revision revision, Direction direction, SqlScript script, SqlStatement statement, Connection connection,
            boolean transactional) throws SQLException {
        try {
            if (statement.isCopyIn()) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(statement.sql(), new StringReader(statement.copyData()));
            } else {
                try (Statement jdbc = connection.createStatement()) {
                    // JDBC escapes ({fn ...}, {d '...'}) are not SQL: leave the text as written.
                    jdbc.setEscapeProcessing(false);
                    jdbc.execute(statement.sql());
                }
            }
        } catch (SQLException e) {
            rollbackQuietly(connection, transactional, e);
            throw new MigrationFailedException(revision, direction, PostgresErrors.failure(script, statement, e), e);
        } catch (IOException e) {
            rollbackQuietly(connection, transactional, e);
            MigrationFailure failure = new MigrationFailure(script.file(), statement.line(), statement.column(),
                    "could not send the COPY data: " + e.getMessage(), "", "", "", statement.sql());
            throw new MigrationFailedException(revision, direction, failure, e);
        }
    }

    /**
     * Ends the transaction a failed statement left aborted: ours, or one the script opened itself
     * with {@code BEGIN} (run in auto-commit mode), which would otherwise refuse every later command
     * on the caller's connection, the restoring of its settings included.
     */
    private static void rollbackQuietly(Connection connection, boolean transactional, Exception cause) {
        try {
            if (transactional) {
                connection.rollback();
            } else if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                // JDBC's rollback() refuses in auto-commit mode: say it in SQL.
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
