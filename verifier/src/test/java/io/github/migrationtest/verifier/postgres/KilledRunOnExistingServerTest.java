package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a server runs share, a run killed with SIGKILL leaves its databases; the next run drops them
 * and says so, and never touches a live run's, a kept one, or a database of ours it cannot place.
 */
class KilledRunOnExistingServerTest {

    private static PostgresServer host;
    private static DisposableDatabase application;

    @BeforeAll
    static void startSomeoneElsesServer() throws SQLException {
        host = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        application = host.createDatabase();
        execute("CREATE DATABASE migrationtest_older_version");
        // What versions before the run's lock wrote: no lock to tell whether its run lives, so it stays.
        execute("COMMENT ON DATABASE migrationtest_older_version IS"
                + " 'migrationtest disposable database, run 0badc0de (pid 1 on elsewhere); safe to drop'");
    }

    @AfterAll
    static void stop() throws SQLException {
        execute("DROP DATABASE IF EXISTS migrationtest_older_version");
        host.close();
    }

    @Test
    void the_next_run_drops_a_killed_runs_databases_and_leaves_a_live_runs() throws Exception {
        Process killed = startRun();
        Process live = startRun();
        try {
            String killedDatabase = databaseOf(killed);
            String liveDatabase = databaseOf(live);
            killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            assertThat(exists(killedDatabase)).isTrue();

            String kept;
            try (StandardError warnings = StandardError.capture()) {
                try (PostgresServer next = server()) {
                    assertThat(next.notices()).as("what the command line prints").containsExactly("Dropped 1 database and 1 role left on "
                            + next.description() + " by runs that ended without cleaning up (killed?): " + killedDatabase
                            + ", " + killedDatabase.substring(0, killedDatabase.lastIndexOf('_'))); // the role the run's migrations ran as
                    DisposableDatabase keep = next.createDatabase();
                    kept = keep.name();
                    keep.keep();
                    keep.close();
                }
                assertThat(warnings.text()).contains("Kept " + kept + " for inspection")
                        .contains("is left running because a database on it was kept");
            }
            assertThat(exists(killedDatabase)).isFalse();
            assertThat(exists(liveDatabase)).as("a live run's database").isTrue();
            assertThat(exists("migrationtest_older_version")).isTrue();

            try (PostgresServer another = server()) {
                assertThat(another.notices()).isEmpty();
            }
            assertThat(exists(kept)).as("a kept database is the user's").isTrue();
            execute("DROP DATABASE " + kept);

            live.destroy(); // SIGTERM: its shutdown hook drops its own database
            assertThat(live.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(exists(liveDatabase)).isFalse();
        } finally {
            killed.destroyForcibly();
            live.destroy();
            live.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_run_whose_lock_connection_a_migration_terminated_takes_the_lock_again_and_keeps_its_databases()
            throws Exception {
        try (PostgresServer run = server()) {
            DisposableDatabase first = run.createDatabase();
            execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND classid::text = '" + RunLease.LOCK_SPACE + "' AND pid <> pg_backend_pid()");
            DisposableDatabase second;
            try (StandardError warnings = StandardError.capture()) {
                second = run.createDatabase(); // takes the lock again first
                assertThat(warnings.text()).contains("lock connection was closed by the server; took the lock again");
            }

            try (PostgresServer next = server()) {
                assertThat(next.notices()).isEmpty();
            }
            assertThat(exists(first.name())).isTrue();
            assertThat(exists(second.name())).isTrue();
        }
    }

    private static PostgresServer server() {
        return PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(application.jdbcUrl(), application.user(), application.password()));
    }

    private static Process startRun() throws IOException {
        return ChildRun.start(List.of(), DatabaseHolder.class, application.jdbcUrl(), application.user(),
                application.password() == null ? "" : application.password());
    }

    private static String databaseOf(Process run) throws IOException {
        return ChildRun.lineAfter(run, "DATABASE ");
    }

    private static boolean exists(String name) throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
