package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.DelegatingSource;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each step starts from a clean session on the walk's one connection: what a migration set for its
 * session (settings, role, temporary tables) does not reach the next revision, and a file that
 * leaves a transaction open is reported as that, at its own revision.
 */
class SessionIsolationTest {

    @TempDir
    Path history;

    private final PostgresServer server = PostgresServer.shared();

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    /** On one database (one part), so every step runs on the same connection. */
    private VerificationReport verify() {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(server);
    }

    @Test
    void replica_mode_set_by_one_revision_does_not_let_a_later_revisions_broken_foreign_key_pass() throws IOException {
        pair("0001_tables", "CREATE TABLE parent (id int PRIMARY KEY);\n"
                + "CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);",
                "DROP TABLE child;\nDROP TABLE parent;");
        pair("0002_replica", "SET session_replication_role = replica;\nCREATE TABLE note (id int);",
                "DROP TABLE note;");
        pair("0003_orphan", "INSERT INTO child VALUES (1, 999);", "DELETE FROM child;");

        // Only a superuser may set replica mode: the run's own role is refused it, naming the option.
        assertThat(result(verify(), "0002", Check.UPGRADES_APPLY).error().orElseThrow().message())
                .contains("session_replication_role").contains("--superuser-migrations");
        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withMigrations(MigrationLogin.SERVER_USER)));

        assertThat(result(report, "0002", Check.UPGRADES_APPLY).outcome()).isEqualTo(Outcome.PASSED);
        CheckResult orphan = result(report, "0003", Check.UPGRADES_APPLY);
        assertThat(orphan.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(orphan.error().map(StatementError::message).orElse(""))
                .contains("violates foreign key constraint");
    }

    @Test
    void a_setting_and_a_temporary_table_of_one_revision_are_gone_at_the_next() throws IOException {
        pair("0001_session", "SET check_function_bodies = off;\nCREATE TEMPORARY TABLE scratch (id int);", "SELECT 1;");
        // Line 1 would fail if the temporary table leaked, line 2 pass if the setting did.
        pair("0002_function", "CREATE TEMPORARY TABLE scratch (id int);\n"
                + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT id FROM no_such_table';", "DROP FUNCTION f();");

        VerificationReport report = verify();

        assertThat(result(report, "0001", Check.UPGRADES_APPLY).outcome()).isEqualTo(Outcome.PASSED);
        StatementError error = result(report, "0002", Check.UPGRADES_APPLY).error().orElseThrow();
        assertThat(error.location()).contains("0002_function.up.sql:2:");
        assertThat(error.message()).contains("no_such_table");
    }

    @Test
    void an_advisory_lock_taken_in_a_rolled_back_round_trip_is_released_before_the_next_revision() throws IOException {
        // A session's advisory lock outlives a rollback: the session is reset after each step of a rolled-back round
        // trip too, and once more as its transaction is rolled back.
        pair("0001_locking_down", "CREATE TABLE a (id int);", "SELECT pg_advisory_lock(42);\nDROP TABLE a;");
        pair("0002_checks", "DO $$ BEGIN IF EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory'"
                + " AND pid = pg_backend_pid()) THEN RAISE EXCEPTION 'an advisory lock outlived its round trip'; END IF;"
                + " END $$;\nCREATE TABLE b (id int);", "DROP TABLE b;");

        VerificationReport report = verify();

        assertThat(result(report, "0001", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "0002", Check.UPGRADES_APPLY).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void a_file_that_leaves_a_transaction_open_is_reported_as_that_naming_the_file_and_the_begin() throws IOException {
        pair("0001_t", "CREATE TABLE t (id int);", "DROP TABLE t;");
        pair("0002_open", "-- forgot the COMMIT\nBEGIN;\nCREATE TABLE u (id int);", "DROP TABLE u;");
        pair("0003_v", "CREATE TABLE v (id int);", "DROP TABLE v;");

        VerificationReport report = verify();

        CheckResult open = result(report, "0002", Check.UPGRADES_APPLY);
        assertThat(open.outcome()).isEqualTo(Outcome.FAILED);
        StatementError error = open.error().orElseThrow();
        assertThat(error.location()).endsWith("0002_open.up.sql:2:1");
        assertThat(error.message()).contains("leaves a transaction open")
                .contains("BEGIN").contains("COMMIT");
        assertThat(result(report, "0001", Check.UPGRADES_APPLY).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "0001", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_tool_that_leaves_its_transaction_uncommitted_fails_at_that_revision_saying_so()
            throws IOException {
        pair("0001_t", "CREATE TABLE t (id int);", "DROP TABLE t;");
        pair("0002_u", "CREATE TABLE u (id int);", "DROP TABLE u;");
        MigrationSource sql = MigrationSources.open(history, SourceOptions.defaults());

        VerificationReport report = new Verifier(new Uncommitted(sql, "0002"), VerifierOptions.defaults().withJobs(1))
                .verify(server);

        CheckResult open = result(report, "0002", Check.UPGRADES_APPLY);
        assertThat(open.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(open.error().orElseThrow().file()).endsWith("0002_u.up.sql, " + history.resolve("0002_u.down.sql"));
        assertThat(open.error().orElseThrow().message())
                .isEqualTo("the upgrade left a transaction open (BEGIN without COMMIT); its work was rolled back."
                        + " Fix: end the transaction in the migration");
        assertThat(result(report, "0001", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    /** A tool that, for one revision, does its work in a JDBC transaction and forgets to commit it. */
    private static final class Uncommitted extends DelegatingSource {
        private final String revisionId;

        Uncommitted(MigrationSource source, String revisionId) {
            super(source);
            this.revisionId = revisionId;
        }

        @Override
        public StepResult upgrade(Revision revision, Connection connection) {
            if (!revision.id().equals(revisionId)) {
                return source.upgrade(revision, connection);
            }
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("CREATE TABLE u (id int)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return new StepResult(revision, Direction.UP, true, "", 1, Duration.ZERO);
        }
    }

    private static CheckResult result(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow();
    }
}
