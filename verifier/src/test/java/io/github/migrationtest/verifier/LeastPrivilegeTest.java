package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.Driver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migrations run as a role of the run's own without superuser: on an existing server (here one this
 * test starts and treats as someone else's) and on the embedded one, what reaches beyond the run's
 * database is refused, with an error that names the option; with the option it is allowed again.
 */
class LeastPrivilegeTest {

    /** Each a migration that reaches beyond its database. */
    private static final String DROP_FOREIGN_DATABASE = "DROP DATABASE precious;";
    private static final String ALTER_SYSTEM = "ALTER SYSTEM SET work_mem = '77MB';";
    private static final String TERMINATE_OTHERS = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend';";
    private static final String COPY_TO_PROGRAM = "COPY (SELECT 1) TO PROGRAM 'touch %s';";
    private static final String CREATE_SUPERUSER = "CREATE ROLE evil_superuser SUPERUSER LOGIN PASSWORD 'known';";

    private static PostgresServer host;
    private static DisposableDatabase application;

    @TempDir
    Path history;
    @TempDir
    static Path outside;

    @BeforeAll
    static void startSomeoneElsesServer() throws SQLException {
        host = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED)
                .withMigrations(MigrationLogin.SERVER_USER));
        application = host.createDatabase();
        admin("CREATE DATABASE precious");
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static PostgresServer existingServer(MigrationLogin login) {
        return PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(application.jdbcUrl(), application.user(), application.password()).withMigrations(login));
    }

    /** Postgres only warns when a session of a superuser may not be terminated: the step passes, the sessions live. */
    @Test
    void a_migration_cannot_terminate_other_sessions_on_an_existing_server() throws IOException, SQLException {
        pair("0001_terminate", TERMINATE_OTHERS, "SELECT 1;");
        pair("0002_table", "CREATE TABLE t (id int);", "DROP TABLE t;");
        try (Connection someoneElse = application.connect(); PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            VerificationReport report = verify(server);
            assertThat(report.revisions()).allSatisfy(r -> assertThat(r.result(Check.DOWNGRADE_RESTORES_SCHEMA)
                    .orElseThrow().outcome()).isEqualTo(Outcome.PASSED));
            assertThat(single(someoneElse, "SELECT 1")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {DROP_FOREIGN_DATABASE, ALTER_SYSTEM, COPY_TO_PROGRAM, CREATE_SUPERUSER})
    void a_migration_that_reaches_beyond_its_database_is_refused_on_an_existing_server(String statement)
            throws IOException, SQLException {
        Path marker = outside.resolve("copied-" + Math.abs(statement.hashCode()));
        pair("0001_hostile", statement.formatted(marker), "SELECT 1;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            report = verify(server);
        }

        CheckResult upgrade = upgradeOf(report);
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message())
                .containsAnyOf("permission denied", "must be superuser", "must be a superuser", "must be owner")
                .contains("--superuser-migrations").contains("--migrations-as <role>");
        assertUntouched(marker);
    }

    @Test
    void the_embedded_server_refuses_them_too() throws IOException, SQLException {
        Path marker = outside.resolve("copied-embedded");
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
            for (String statement : List.of(ALTER_SYSTEM, COPY_TO_PROGRAM.formatted(marker), CREATE_SUPERUSER)) {
                Path folder = Files.createTempDirectory(history, "h");
                Files.writeString(folder.resolve("0001_hostile.up.sql"), statement + "\n");
                Files.writeString(folder.resolve("0001_hostile.down.sql"), "SELECT 1;\n");
                VerificationReport report = new Verifier(MigrationSources.open(folder, SourceOptions.defaults()),
                        VerifierOptions.defaults().withJobs(1)).verify(server);
                assertThat(upgradeOf(report).error().orElseThrow().message()).as(statement)
                        .containsAnyOf("permission denied", "must be superuser").contains("--superuser-migrations");
                assertThat(upgradeOf(report).fix()).as("the fix points at the privileges first")
                        .startsWith("Run the migrations with the privilege this statement needs (see the hint)");
            }
            assertThat(single(server, "SELECT count(*) FROM pg_file_settings WHERE name = 'work_mem'")).isEqualTo(0);
            assertThat(single(server, "SELECT count(*) FROM pg_roles WHERE rolname = 'evil_superuser'")).isEqualTo(0);
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void a_statement_that_fails_in_a_row_level_security_policy_is_told_the_policies_apply_to_the_migrations_role()
            throws IOException, SQLException {
        // Ekitela/postgres-blog-lab: FORCE ROW LEVEL SECURITY, then demo data that its flyway.toml's postgres user,
        // a superuser, inserts past the policies; as the run's own role the policy's current_setting(...) fails.
        pair("0001_tenants", """
                CREATE TABLE students (id int, tenant_id int);
                ALTER TABLE students ENABLE ROW LEVEL SECURITY;
                ALTER TABLE students FORCE ROW LEVEL SECURITY;
                CREATE POLICY students_tenant ON students USING (tenant_id = current_setting('app.current_tenant')::int);""",
                "DROP TABLE students;");
        pair("0002_seed", "INSERT INTO students (id, tenant_id) VALUES (1, 1);", "DELETE FROM students;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            report = verify(server);
        }

        CheckResult seed = report.revisions().get(1).result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(seed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(seed.error().orElseThrow().message()).startsWith("unrecognized configuration parameter")
                .contains("public.students has row-level security that applies to the migrations' role (a role of the"
                        + " run's own, without superuser or BYPASSRLS)")
                .contains("--superuser-migrations");
        assertThat(seed.fix()).startsWith("Run the migrations with the privilege this statement needs (see the hint)");
    }

    @Test
    void a_failed_alter_table_of_a_table_with_row_level_security_is_not_blamed_on_its_policies()
            throws IOException, SQLException {
        pair("0001_tenants", """
                CREATE TABLE students (id int, tenant_id int);
                ALTER TABLE students ENABLE ROW LEVEL SECURITY;
                ALTER TABLE students FORCE ROW LEVEL SECURITY;""", "DROP TABLE students;");
        pair("0002_fk", "ALTER TABLE students ADD COLUMN course_id int REFERENCES courses (id);",
                "ALTER TABLE students DROP COLUMN course_id;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            report = verify(server);
        }

        CheckResult alter = report.revisions().get(1).result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(alter.error().orElseThrow().message()).startsWith("relation \"courses\" does not exist")
                .doesNotContain("row-level security");
    }

    /**
     * A history written for Postgres 14 or earlier creates its tables after SET ROLE to the application's role, which
     * could create in schema public there; since 15 only the schema's owner can. The failure says so and points at the
     * major (or a grant), not at the statement.
     */
    @Test
    void creating_in_public_as_another_role_is_explained_by_postgres_15_s_change() throws IOException, SQLException {
        admin("CREATE ROLE legacy_app NOLOGIN");
        pair("0001_table", "SET ROLE legacy_app;\nCREATE TABLE accounts (id int);\nRESET ROLE;",
                "DROP TABLE accounts;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.SERVER_USER)) {
            report = verify(server);
        } finally {
            admin("DROP ROLE legacy_app");
        }

        CheckResult create = report.revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(create.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(create.error().orElseThrow().message()).startsWith("permission denied for schema public")
                .contains("Since Postgres 15, schema public lets only its owner");
        assertThat(create.fix()).startsWith("If production runs Postgres 14 or earlier, verify on that major"
                + " (--postgres 14)");
    }

    @Test
    void with_the_superuser_option_the_same_migrations_run_as_before() throws IOException, SQLException {
        Path marker = outside.resolve("copied-as-superuser");
        // The server's processes never run as root (as root here they run as an unprivileged uid):
        // the folder must let that uid write, as it would have to on a user's machine.
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxrwxrwx"));
        admin("CREATE DATABASE expendable");
        pair("0001_drop", "DROP DATABASE expendable;", "CREATE DATABASE expendable;");
        pair("0002_program", COPY_TO_PROGRAM.formatted(marker), "SELECT 1;");
        pair("0003_role", CREATE_SUPERUSER, "DROP ROLE evil_superuser;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.SERVER_USER)) {
            report = verify(server);
        } finally {
            admin("DROP DATABASE IF EXISTS expendable");
        }

        assertThat(report.revisions()).allSatisfy(r -> assertThat(r.result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .as(r.label()).isEqualTo(Outcome.PASSED));
        assertThat(marker).exists();
        assertThat(single(host, "SELECT count(*) FROM pg_roles WHERE rolname = 'evil_superuser'")).isEqualTo(0);
    }

    /**
     * provideplatform/privacy's first migration demotes its own login. As superuser it ran as the server's user, which
     * the embedded server's bootstrap superuser refuses (and Postgres 15 allows: the server's user lost superuser for
     * good); now as a superuser role of the run's own, dropped after it.
     */
    @Test
    void superuser_migrations_that_demote_their_own_login_leave_the_servers_user_a_superuser()
            throws IOException, SQLException {
        pair("0001_demote", "ALTER USER current_user WITH NOSUPERUSER;\nCREATE TABLE t (id int);", "DROP TABLE t;");

        VerificationReport report;
        try (PostgresServer server = existingServer(MigrationLogin.SERVER_USER)) {
            report = verify(server);
        }

        assertThat(report.revision("0001").orElseThrow().result(Check.UPGRADES_APPLY).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(single(host, "SELECT rolsuper::int FROM pg_roles WHERE rolname = current_user")).isEqualTo(1);
        assertThat(runRoles()).as("the run's role, demoted, dropped").isEqualTo(0);
    }

    @Test
    void a_normal_history_gets_the_same_verdicts_as_the_run_role_and_as_superuser() throws IOException {
        pair("0001_users", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
                + "CREATE TYPE mood AS ENUM ('ok', 'sad');", "DROP TABLE users;\nDROP TYPE mood;");
        pair("0002_index", "CREATE INDEX users_email ON users (email);", "SELECT 1;"); // broken: leaves the index
        pair("0003_view", "CREATE VIEW emails AS SELECT email FROM users;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;",
                "DROP VIEW emails;\nDROP EXTENSION pgcrypto;");
        pair("0004_function", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                + "GRANT SELECT ON users TO PUBLIC;", "DROP FUNCTION f();\nREVOKE SELECT ON users FROM PUBLIC;");

        List<String> asRole;
        List<String> asSuperuser;
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            asRole = verdicts(verify(server));
        }
        try (PostgresServer server = existingServer(MigrationLogin.SERVER_USER)) {
            asSuperuser = verdicts(verify(server));
        }
        assertThat(asRole).isEqualTo(asSuperuser).anySatisfy(v -> assertThat(v).contains("FAILED"));
    }

    @Test
    void the_runs_role_is_dropped_after_the_run_and_a_dead_runs_role_by_the_next_run() throws SQLException, IOException {
        // As a killed run leaves it: marked with a lock nobody holds.
        admin("CREATE ROLE migrationtest_0badcafe LOGIN");
        admin("COMMENT ON ROLE migrationtest_0badcafe IS 'migrationtest disposable database, run 0badcafe (pid 1 on"
                + " nowhere, started 2026-01-01T00:00:00Z; alive while it holds advisory lock 1836343154/195742462); safe to drop'");
        admin("CREATE ROLE migrationtest_someone LOGIN"); // ours by name only: kept
        pair("0001_table", "CREATE TABLE t (id int);", "DROP TABLE t;");
        String role;
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            assertThat(server.notices()).anySatisfy(n -> assertThat(n).contains("migrationtest_0badcafe"));
            try (DisposableDatabase database = server.createDatabase();
                 Connection connection = database.connectForMigrations()) {
                role = database.migrationsUser();
                assertThat(single(connection, "SELECT rolsuper::int FROM pg_roles WHERE rolname = current_user")).isEqualTo(0);
                assertThat(single(connection, "SELECT (datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user))::int"
                        + " FROM pg_database WHERE datname = current_database()")).isEqualTo(1);
            }
            verify(server);
        } finally {
            admin("DROP ROLE IF EXISTS migrationtest_someone");
        }
        assertThat(role).startsWith("migrationtest_");
        assertThat(runRoles()).isEqualTo(0);
    }

    @Test
    void the_embedded_server_refuses_a_login_without_the_password() throws SQLException {
        Properties noPassword = new Properties();
        noPassword.setProperty("user", application.user());
        assertThatThrownBy(() -> new Driver().connect(application.jdbcUrl(), noPassword))
                .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
        Properties wrongPassword = new Properties();
        wrongPassword.putAll(noPassword);
        wrongPassword.setProperty("password", "postgres");
        assertThatThrownBy(() -> new Driver().connect(application.jdbcUrl(), wrongPassword))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        try (Connection verifiers = application.connect()) {
            assertThat(single(verifiers, "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void the_runs_role_has_a_generous_statement_timeout_and_a_timed_out_statement_says_how_to_change_it()
            throws IOException, SQLException {
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE);
             DisposableDatabase database = server.createDatabase();
             Connection connection = database.connectForMigrations();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW statement_timeout")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("10min");
        }
        pair("0001_sleep", "SELECT pg_sleep(5);", "SELECT 1;");
        try (PostgresServer server = existingServer(MigrationLogin.OWN_ROLE)) {
            VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()
                    .withStatementTimeout(java.time.Duration.ofMillis(200))), VerifierOptions.defaults().withJobs(1)).verify(server);
            assertThat(upgradeOf(report).error().orElseThrow().message())
                    .contains("canceling statement due to statement timeout").contains("--statement-timeout");
        }
    }

    /**
     * Roles of runs on the host other than the host's own: its superuser migrations log in as a superuser role of its
     * own, which owns the application's database while it runs.
     */
    private static int runRoles() throws SQLException {
        return single(host, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'migrationtest\\_%' AND rolname <> '"
                + application.migrationsUser() + "'");
    }

    private void assertUntouched(Path marker) throws SQLException {
        assertThat(single(host, "SELECT count(*) FROM pg_database WHERE datname = 'precious'")).isEqualTo(1);
        assertThat(single(host, "SELECT count(*) FROM pg_file_settings WHERE name = 'work_mem'")).isEqualTo(0);
        assertThat(single(host, "SELECT count(*) FROM pg_roles WHERE rolname = 'evil_superuser'")).isEqualTo(0);
        assertThat(marker).doesNotExist();
        assertThat(host.openDatabases()).contains(application.name()); // its connections were not terminated for good
        assertThat(runRoles()).isEqualTo(0);
    }

    private VerificationReport verify(PostgresServer server) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(server);
    }

    private static CheckResult upgradeOf(VerificationReport report) {
        return report.revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();
    }

    private static List<String> verdicts(VerificationReport report) {
        Function<RevisionReport, String> verdict = r -> r.label() + ": " + new TreeMap<>(r.checks()).values().stream()
                .map(c -> c.check() + "=" + c.outcome()).toList();
        return report.revisions().stream().map(verdict).toList();
    }

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int single(PostgresServer server, String sql) throws SQLException {
        try (DisposableDatabase database = server.createDatabase(); Connection connection = database.connect()) {
            return single(connection, sql);
        }
    }

    private static int single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
