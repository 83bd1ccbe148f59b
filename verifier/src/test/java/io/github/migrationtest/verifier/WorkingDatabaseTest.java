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
import java.io.IOException;
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
    void the_walk_goes_on_from_the_right_state_after_either_kind_of_failed_downgrade() throws Exception {
        pair("0001_t", "CREATE TABLE t (id int PRIMARY KEY, name text);", "DROP TABLE t;");
        pair("0002_u", "CREATE TABLE u (id int PRIMARY KEY);", "DROP TABLE u; DROP TABLE no_such_table;");
        pair("0003_idx", "CREATE INDEX CONCURRENTLY t_name ON t (name);",
                "DROP INDEX CONCURRENTLY t_name;\nDROP TABLE no_such_table;");
        pair("0004_v", "CREATE TABLE v (id int PRIMARY KEY, t_id int REFERENCES t);", "DROP TABLE v;");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());

        VerificationReport report = new Verifier(source, VerifierOptions.defaults()).verify(server);

        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        // The index the failed downgrade of 0003 dropped is back before 0004 is walked: its round trip passes.
        assertThat(outcome(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0004", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow().outcome();
    }
}
