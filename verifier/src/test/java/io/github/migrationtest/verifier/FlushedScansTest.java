package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.safety.SafetyRecorder;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.DelegatingSource;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step's start takes the session's pending scan counts as zero when the walk's reset flushed them (Postgres 15
 * and later), instead of reading every table's: a scan made before the reset must not count as the step's. Without
 * the flush it would, which is what makes the flush the condition.
 */
class FlushedScansTest {

    private static final String STEP = "ALTER TABLE e ADD COLUMN w int"; // ACCESS EXCLUSIVE, scans nothing

    @TempDir
    Path dir;

    /**
     * Through the walk: each step's scan, counted in the session and committed (or rolled back with its round trip),
     * stays out of the next step's findings, which lock the table without scanning it; a scan inside a step under its
     * lock is found. The same where the migrations' role may not flush (the function revoked by an init script), and
     * on Postgres 14, which has no such function: the start reads the counts then.
     */
    @Test
    void the_walk_keeps_each_steps_scans_its_own_whether_or_not_it_may_flush() throws IOException {
        Path history = Files.createDirectory(dir.resolve("db"));
        write(history, "0001_e", "CREATE TABLE e (id int);\nINSERT INTO e SELECT generate_series(1, 100);", "DROP TABLE e;");
        write(history, "0002_scan_then_lock", "DELETE FROM e WHERE id < 0;", "LOCK TABLE e IN SHARE MODE;");
        write(history, "0003_lock", "LOCK TABLE e IN SHARE MODE;", "DELETE FROM e WHERE id < 0;");
        write(history, "0004_scan_under_lock", "LOCK TABLE e IN SHARE MODE;\nDELETE FROM e WHERE id < 0;",
                "SELECT 1;");
        Path revoke = Files.writeString(dir.resolve("revoke.sql"), """
                DO $$ BEGIN
                    IF pg_catalog.to_regprocedure('pg_catalog.pg_stat_force_next_flush()') IS NOT NULL THEN
                        REVOKE EXECUTE ON FUNCTION pg_catalog.pg_stat_force_next_flush() FROM PUBLIC;
                    END IF;
                END $$;
                """);
        PostgresServer server = PostgresServer.shared(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        List<String> expected = List.of("0001 DOWN 1 DROPS_TABLE",
                "0002 DOWN 1 LOCK_WITHOUT_TIMEOUT", "0003 UP 1 LOCK_WITHOUT_TIMEOUT", "0004 UP 1 LOCK_WITHOUT_TIMEOUT",
                "0004 UP 1 LOCK_HELD_ACROSS_STATEMENTS", "0004 UP 2 FULL_TABLE_SCAN_UNDER_LOCK");

        for (List<Path> init : List.of(List.<Path>of(), List.of(revoke))) {
            VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                    VerifierOptions.defaults().withJobs(1).withInitScripts(init)).verify(server);

            assertThat(report.passed()).as(report.toString()).isTrue();
            assertThat(report.revisions().stream().flatMap(r -> r.safety().stream()
                    .map(f -> r.id() + " " + f.direction() + " " + f.line() + " " + f.finding())).toList())
                    .as("init " + init).containsExactlyElementsOf(expected);
        }
    }

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

    /**
     * The walk's steps of a SQL history start flushed after the first (a new session's start reads the counts), so
     * their start skips the pass; not those of a source that reads its tables before a step's statements.
     */
    @Test
    void a_sql_historys_steps_start_flushed_and_not_a_source_that_reads_its_tables_first() throws Exception {
        Path history = Files.createDirectory(dir.resolve("db"));
        write(history, "0001_e", "CREATE TABLE e (id int);", "DROP TABLE e;");
        write(history, "0002_scan", "DELETE FROM e WHERE id < 0;", "SELECT 1;");
        MigrationSource sql = MigrationSources.open(history, SourceOptions.defaults());
        MigrationSource readsFirst = new DelegatingSource(sql) {
            @Override
            public boolean readsNoTableBeforeItsStatements() {
                return false;
            }
        };
        PostgresServer server = PostgresServer.shared(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        boolean canFlush = server.majorVersion() >= 15;

        for (MigrationSource source : List.of(sql, readsFirst)) {
            try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object(),
                    new SafetyRecorder())) {
                assertThat(work.startsFlushed()).as("before any step").isFalse();
                for (Revision revision : source.revisions()) {
                    work.observedUpgrade(revision);
                    assertThat(work.startsFlushed()).as("after " + revision.id() + " of " + source)
                            .isEqualTo(canFlush && source == sql);
                }
            }
        }
    }

    /** Runs {@link #STEP} measured in a transaction that is rolled back; the kinds of its findings. */
    private static List<Finding> step(Connection connection, boolean scansFlushed) throws SQLException {
        connection.setAutoCommit(false);
        SafetyRecorder safety = new SafetyRecorder();
        safety.begin(Direction.UP, connection, scansFlushed, false);
        ExecutedStatement executed = new ExecutedStatement("step.sql", 1, STEP, STEP.toUpperCase(), true);
        safety.beforeStatement(connection, executed);
        execute(connection, STEP);
        safety.afterStatement(connection, executed);
        List<Finding> findings = safety.end(Direction.UP, connection, false).findings().stream()
                .map(SafetyFinding::finding).toList();
        connection.rollback();
        connection.setAutoCommit(true);
        return findings;
    }

    private static void write(Path history, String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
