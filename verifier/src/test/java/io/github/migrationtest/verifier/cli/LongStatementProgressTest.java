package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.progress.StatementWatch;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement that runs for a while shows in the progress with how long it has run, and what it
 * waits for; a quick history shows nothing more; the watch leaves no thread or connection behind.
 * The first interval is 1 s here, so the tests take seconds, not minutes.
 */
class LongStatementProgressTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private Path history;
    private final StringWriter out = new StringWriter();
    private final PostgresServer server = PostgresServer.shared();

    @BeforeEach
    void history() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        write("0001_t.up.sql", "CREATE TABLE t (id int);");
        write("0001_t.down.sql", "DROP TABLE t;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(history.resolve(name), sql + "\n");
    }

    @Test
    void a_log_gets_a_line_for_a_statement_that_runs_longer_than_the_interval() throws IOException {
        write("0002_slow.up.sql", "SELECT pg_sleep(2.5);");
        write("0002_slow.down.sql", "SELECT 1;");
        StringWriter err = new StringWriter();

        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "verify", history.toString(),
                "--jobs", "1", "--progress-interval", "1s");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .containsPattern("(?m)^Revision 0002 \\(slow\\), 2 of 2: running [12] s: SELECT pg_sleep\\(2\\.5\\) \\("
                        + Pattern.quote(history.resolve("0002_slow.up.sql").toString()) + "\\)$")
                .doesNotContain("Revision 0001 (t), 1 of 2: running");
    }

    @Test
    void a_quick_history_prints_no_statement_line() {
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "verify",
                history.toString(), "--progress-interval", "1s");

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).doesNotContainPattern("running \\d+ s").doesNotContain("waiting");
    }

    @Test
    void a_bad_interval_is_refused_naming_the_option() {
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "verify", history.toString(),
                "--progress-interval", "0s");

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--progress-interval must be longer than 0");
    }

    @Test
    void a_terminal_shows_the_running_statement_on_the_revision_line_and_the_watch_ends_with_the_walk()
            throws IOException, SQLException {
        write("0002_slow.up.sql", "SELECT pg_sleep(2.5);");
        write("0002_slow.down.sql", "SELECT 1;");
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), true, () -> false, INTERVAL);

        StatementWatch watch;
        try (StatementWatch started = progress.watch(server)) {
            watch = started;
            new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                    .verify(server, progress);
        }

        assertThat(out.toString()).containsPattern(
                "\r\033\\[K\\[2/2] 0002 \\(slow\\) \\.\\.\\. running [12] s: SELECT pg_sleep\\(2\\.5\\)");
        assertWatchGone(watch);
    }

    @Test
    void a_walk_in_parts_shows_each_database_s_slow_statement_without_naming_a_revision_it_may_not_be() throws IOException {
        write("0002_slow.up.sql", "SELECT pg_sleep(2.5);");
        write("0002_slow.down.sql", "SELECT 1;");
        write("0003_u.up.sql", "CREATE TABLE u (id int);");
        write("0003_u.down.sql", "DROP TABLE u;");
        write("0004_slower.up.sql", "SELECT pg_sleep(2.6);");
        write("0004_slower.down.sql", "SELECT 1;");
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false, () -> false, INTERVAL);

        try (StatementWatch watch = progress.watch(server)) {
            new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(2)
                    .withChecks(EnumSet.of(Check.UPGRADES_APPLY))).verify(server, progress);
        }

        assertThat(out.toString()).contains("Walking the history in 2 parts at once")
                .containsPattern("(?m)^running [12] s: SELECT pg_sleep\\(2\\.5\\) \\(on one of the 2 databases walking the history\\)$")
                .containsPattern("(?m)^running [12] s: SELECT pg_sleep\\(2\\.6\\) \\(on one of the 2 databases walking the history\\)$");
    }

    @Test
    void a_part_walked_on_a_server_of_its_own_shows_its_slow_statement_and_its_watch_stops_with_it() throws IOException {
        // A role is server-wide: the first part is walked on a twin of the server. Only that part's round trip
        // runs revision 2's downgrade (the later part's catch-up runs upgrades only; no walk down to base).
        write("0001_t.up.sql", "CREATE TABLE t (id int);\nCREATE ROLE migrationtest_watched_twin NOLOGIN;");
        write("0001_t.down.sql", "DROP TABLE t;\nDROP ROLE migrationtest_watched_twin;");
        write("0002_slow.up.sql", "CREATE TABLE s (id int);");
        write("0002_slow.down.sql", "SELECT pg_sleep(2.5);\nDROP TABLE s;");
        write("0003_u.up.sql", "CREATE TABLE u (id int);");
        write("0003_u.down.sql", "DROP TABLE u;");
        write("0004_v.up.sql", "CREATE TABLE v (id int);");
        write("0004_v.down.sql", "DROP TABLE v;");
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false, () -> false, INTERVAL);
        PostgresServer serverUser = PostgresServer.shared(io.github.migrationtest.verifier.postgres.PostgresSettings
                .fromEnvironment().withMigrations(io.github.migrationtest.verifier.postgres.MigrationLogin.SERVER_USER));

        try (StatementWatch watch = progress.watch(serverUser)) {
            new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(2)
                    .withChecks(EnumSet.of(Check.UPGRADES_APPLY, Check.DOWNGRADE_RESTORES_SCHEMA)))
                    .verify(serverUser, progress);
            assertThat(Thread.getAllStackTraces().keySet()).as("watch threads while the run's server is watched")
                    .filteredOn(thread -> thread.getName().equals("migrationtest-statement-watch") && thread.isAlive())
                    .hasSize(1);
        }

        assertThat(out.toString()).contains("Each part but the last on a server of its own")
                .containsPattern("(?m)^running [12] s: SELECT pg_sleep\\(2\\.5\\) \\(on one of the 2 databases walking the history\\)$");
    }

    @Test
    void a_statement_blocked_by_a_lock_says_which_process_holds_it() throws IOException, SQLException {
        write("0002_insert.up.sql", "INSERT INTO t VALUES (1);");
        write("0002_insert.down.sql", "DELETE FROM t;");
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), false, () -> false, INTERVAL);
        List<Connection> lockers = new ArrayList<>();
        List<Integer> holders = new ArrayList<>();
        VerificationReport report;
        try (DisposableDatabase probe = server.createDatabase()) {
            ProgressListener locking = new Delegate(progress) {
                @Override
                public void revisionStarted(Revision revision, int index, int count) {
                    if (index == 1) {
                        lockTable(probe, lockers, holders);
                        releaseOnceShown(lockers);
                    }
                    super.revisionStarted(revision, index, count);
                }
            };
            // Measuring safety reads the table's size, which a lock would hold up before the statement runs.
            VerifierOptions options = VerifierOptions.defaults().withJobs(1)
                    .withSafety(SafetyOptions.defaults().withMeasure(false));
            try (StatementWatch watch = progress.watch(server)) {
                report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()), options)
                        .verify(server, locking);
            } finally {
                closeAll(lockers);
            }
        }

        assertThat(holders).as("the test held the lock in the working database").hasSize(1);
        assertThat(report.passed()).as(out.toString()).isTrue();
        assertThat(out.toString()).containsPattern("(?m)^Revision 0002 \\(insert\\), 2 of 2: waiting \\d+ s for a lock"
                + " held by pid " + holders.get(0) + ": INSERT INTO t VALUES \\(1\\) \\("
                + Pattern.quote(history.resolve("0002_insert.up.sql").toString()) + "\\)$");
    }

    /** In each of the run's databases that has table t (the working one): a session that holds SHARE on it. */
    private static void lockTable(DisposableDatabase probe, List<Connection> lockers, List<Integer> holders) {
        for (String name : probe.server().openDatabases()) {
            if (name.equals(probe.name())) {
                continue;
            }
            try {
                Connection connection = DriverManager.getConnection(
                        probe.jdbcUrl().replace("/" + probe.name(), "/" + name), probe.user(), probe.password());
                lockers.add(connection);
                try (Statement statement = connection.createStatement()) {
                    boolean hasTable;
                    int pid;
                    try (ResultSet row = statement.executeQuery("SELECT to_regclass('public.t') IS NOT NULL, pg_backend_pid()")) {
                        row.next();
                        hasTable = row.getBoolean(1);
                        pid = row.getInt(2);
                    }
                    if (hasTable) {
                        connection.setAutoCommit(false);
                        statement.execute("LOCK TABLE public.t IN SHARE MODE");
                        holders.add(pid);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Lets the insert go once the progress has shown it waiting (or after 30 s, and the test fails). */
    private void releaseOnceShown(List<Connection> lockers) {
        Thread release = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!out.toString().contains("waiting") && System.nanoTime() < deadline) {
                pause(100);
            }
            closeAll(lockers);
        });
        release.setDaemon(true);
        release.start();
    }

    private static synchronized void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closed already
            }
        }
    }

    private void assertWatchGone(StatementWatch watch) throws SQLException {
        assertThat(watch.isStopped()).as("thread ended and connection closed").isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                thread -> thread.getName().equals("migrationtest-statement-watch") && thread.isAlive());
        try (DisposableDatabase probe = server.createDatabase(); Connection connection = probe.connect();
             Statement statement = connection.createStatement()) {
            // A closed connection's server process ends a moment after the client closed it.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int sessions;
            do {
                try (ResultSet row = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'migrationtest watch'")) {
                    row.next();
                    sessions = row.getInt(1);
                }
                pause(50);
            } while (sessions > 0 && System.nanoTime() < deadline);
            assertThat(sessions).as("the watch's sessions on the server").isZero();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes everything on to the console's progress. */
    private static class Delegate implements ProgressListener {
        private final ProgressListener progress;

        Delegate(ProgressListener progress) {
            this.progress = progress;
        }

        @Override
        public void walkPlanned(int parts, String note) {
            progress.walkPlanned(parts, note);
        }

        @Override
        public void revisionStarted(Revision revision, int index, int count) {
            progress.revisionStarted(revision, index, count);
        }

        @Override
        public void revisionFinished(RevisionReport report, int index, int count) {
            progress.revisionFinished(report, index, count);
        }

        @Override
        public void historyCheckFinished(CheckResult result) {
            progress.historyCheckFinished(result);
        }
    }
}
