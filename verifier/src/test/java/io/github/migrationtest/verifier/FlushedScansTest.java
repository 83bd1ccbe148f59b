package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.safety.SafetyRecorder;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step's start takes the session's pending scan counts as zero when the walk's reset flushed them (Postgres 15
 * and later), instead of reading every table's: a scan made before the reset must not count as the step's. Without
 * the flush it would, which is what makes the flush the condition.
 */
class FlushedScansTest {

    private static final String STEP = "ALTER TABLE e ADD COLUMN w int"; // ACCESS EXCLUSIVE, scans nothing

    @Test
    void a_scan_before_the_reset_is_not_taken_for_the_next_steps() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED)).createDatabase();
                Connection connection = database.connect()) {
            assumeTrue(connection.getMetaData().getDatabaseMajorVersion() >= 15,
                    "pg_stat_force_next_flush() is Postgres 15's; before, every step's start reads the pending counts");
            IncrementalReader.start(connection, SnapshotOptions.defaults());
            execute(connection, "CREATE TABLE e (id int); INSERT INTO e SELECT generate_series(1, 100)");

            execute(connection, "SELECT count(*) FROM e"); // a sequential scan, pending in the session
            SessionReset.reset(connection, true);
            assertThat(step(connection, true)).as("flushed by the reset")
                    .containsExactly(Finding.LOCK_WITHOUT_TIMEOUT);

            execute(connection, "SELECT count(*) FROM e");
            SessionReset.reset(connection, false);
            assertThat(step(connection, true)).as("not flushed, yet taken as flushed: the scan before counts")
                    .contains(Finding.FULL_TABLE_SCAN_UNDER_LOCK);

            execute(connection, "SELECT count(*) FROM e");
            SessionReset.reset(connection, false);
            assertThat(step(connection, false)).as("not flushed, and read at the step's start")
                    .containsExactly(Finding.LOCK_WITHOUT_TIMEOUT);
        }
    }

    /** Runs {@link #STEP} measured in a transaction that is rolled back; the kinds of its findings. */
    private static List<Finding> step(Connection connection, boolean scansFlushed) throws SQLException {
        connection.setAutoCommit(false);
        SafetyRecorder safety = new SafetyRecorder();
        safety.begin(Direction.UP, connection, scansFlushed);
        ExecutedStatement executed = new ExecutedStatement("step.sql", 1, STEP, STEP.toUpperCase(), true);
        safety.beforeStatement(connection, executed);
        execute(connection, STEP);
        safety.afterStatement(connection, executed);
        List<Finding> findings = safety.end(Direction.UP, connection).findings().stream()
                .map(SafetyFinding::finding).toList();
        connection.rollback();
        connection.setAutoCommit(true);
        return findings;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
