package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed downgrade that was rolled back whole leaves the database as it was, and the walk goes on
 * without rebuilding it; one that committed part of its work before failing (run outside a
 * transaction) is rebuilt, so the next round trip still starts from the right state.
 */
class WorkingDatabaseTest {

    @TempDir
    Path history;

    private final PostgresServer server = PostgresServer.shared();

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    @Test
    void a_failed_downgrade_rolled_back_whole_changed_nothing() throws Exception {
        assertThat(changedByFailedDowngrade("CREATE TABLE t (id int PRIMARY KEY, name text);",
                "DROP TABLE t; DROP TABLE no_such_table;")).isFalse();
    }

    @Test
    void a_failed_downgrade_that_committed_a_statement_changed_the_database() throws Exception {
        assertThat(changedByFailedDowngrade("CREATE TABLE t (id int PRIMARY KEY, name text);\nCREATE INDEX CONCURRENTLY t_name ON t (name);",
                "DROP INDEX CONCURRENTLY t_name;\nDROP TABLE no_such_table;")).isTrue();
    }

    /** Upgrades a one-revision history, runs its failing downgrade, and asks whether the database changed since. */
    private boolean changedByFailedDowngrade(String up, String down) throws Exception {
        pair("0001_t", up, down);
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object())) {
            work.upgrade(source.revisions().get(0));
            assertThatThrownBy(() -> work.downgrade(source.revisions().get(0))).isInstanceOf(MigrationFailedException.class);
            return work.changedSinceDowngradeStarted();
        }
    }

    @Test
    void an_upgrade_that_failed_again_after_an_empty_downgrade_changed_nothing_and_the_bookkeeping_is_put_back()
            throws Exception {
        pair("0001_t", "CREATE TABLE t (id int PRIMARY KEY, name text);", "-- nothing to undo");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        Revision revision = source.revisions().get(0);
        try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object())) {
            work.upgrade(revision);
            assertThat(work.downgrade(revision).statements()).isZero();
            assertThat(recordedVersions(work)).isEmpty(); // golang-migrate's bookkeeping: the downgrade removed it
            assertThatThrownBy(() -> work.reupgrade(revision)).isInstanceOf(MigrationFailedException.class);

            assertThat(work.changedSinceReupgradeStarted()).isFalse();
            assertThat(work.recordApplied(revision)).isTrue();
            assertThat(recordedVersions(work)).isEqualTo("1");
        }
    }

    @Test
    void an_upgrade_that_ran_again_after_an_empty_downgrade_changed_the_database() throws Exception {
        pair("0001_t", "CREATE TABLE IF NOT EXISTS t (id serial PRIMARY KEY, name text);\n"
                + "INSERT INTO t (name) VALUES ('x');", "-- nothing to undo");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        Revision revision = source.revisions().get(0);
        try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object())) {
            work.upgrade(revision);
            work.downgrade(revision);
            work.reupgrade(revision);
            assertThat(work.changedSinceReupgradeStarted()).isTrue();
        }
    }

    private static String recordedVersions(WorkingDatabase work) throws Exception {
        try (Statement statement = work.connection().createStatement();
             ResultSet rows = statement.executeQuery("select coalesce(string_agg(version::text, ','), '') from schema_migrations")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void after_an_empty_downgrade_an_upgrade_that_ran_again_is_rebuilt_away() throws Exception {
        pair("0001_t", "CREATE TABLE t (id serial PRIMARY KEY, name text);", "DROP TABLE t;");
        // Runs twice without failing (its down is empty), and adds its row twice: the state must be rebuilt.
        pair("0002_row", "CREATE TABLE IF NOT EXISTS u (id int);\nINSERT INTO t (name) VALUES ('x');", "-- nothing");
        // Empty downgrade, upgrade that fails the second time: rolled back whole, no rebuild needed.
        pair("0003_w", "INSERT INTO t (name) VALUES ('y');\nCREATE TABLE w (id int);", "");
        pair("0004_unique", "CREATE UNIQUE INDEX t_name ON t (name);", "DROP INDEX t_name;");

        VerificationReport report = verifyHistory();

        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(report, "0002", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0003", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.FAILED);
        // With 'x' or 'y' twice in t the unique index could not be built.
        assertThat(outcome(report, "0004", Check.UPGRADES_APPLY)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void the_walk_goes_on_from_the_right_state_after_either_kind_of_failed_downgrade() throws Exception {
        pair("0001_t", "CREATE TABLE t (id int PRIMARY KEY, name text);", "DROP TABLE t;");
        pair("0002_u", "CREATE TABLE u (id int PRIMARY KEY);", "DROP TABLE u; DROP TABLE no_such_table;");
        pair("0003_idx", "CREATE INDEX CONCURRENTLY t_name ON t (name);",
                "DROP INDEX CONCURRENTLY t_name;\nDROP TABLE no_such_table;");
        pair("0004_v", "CREATE TABLE v (id int PRIMARY KEY, t_id int REFERENCES t);", "DROP TABLE v;");

        VerificationReport report = verifyHistory();

        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        // The index the failed downgrade of 0003 dropped is back before 0004 is walked: its round trip passes.
        assertThat(outcome(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0004", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    private VerificationReport verifyHistory() throws Exception {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults()).verify(server);
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow().outcome();
    }
}
