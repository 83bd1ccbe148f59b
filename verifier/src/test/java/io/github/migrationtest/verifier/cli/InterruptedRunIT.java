package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.postgres.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line (target/migrationtest.jar, so run after {@code package}) stopped by a
 * signal in the middle of a walk: it says it was interrupted and where, blames no migration, writes
 * no report, exits 128 + the signal's number and leaves no database or server of its run behind.
 */
class InterruptedRunIT {

    private static final Path JAR = Path.of("target", "migrationtest.jar");
    private static final Pattern DATA_FOLDER = Pattern.compile("data in (.+)/data\\)$");

    @TempDir
    Path dir;
    private Path history;

    @BeforeEach
    void writeSlowHistory() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        for (int i = 1; i <= 30; i++) {
            String name = String.format("%04d_table_%d", i, i);
            Files.writeString(history.resolve(name + ".up.sql"), "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.2);\n");
            Files.writeString(history.resolve(name + ".down.sql"), "DROP TABLE t" + i + ";\n");
        }
    }

    @Test
    void sigterm_on_the_embedded_backend_exits_143_stops_the_server_and_writes_no_report() throws Exception {
        Run run = start("--backend", "embedded");
        String firstLine = run.awaitLine(line -> line.startsWith("Verifying "));
        Matcher folder = DATA_FOLDER.matcher(firstLine);
        assertThat(folder.find()).as(firstLine).isTrue();
        Path instance = Path.of(folder.group(1));
        long postmaster = Long.parseLong(Files.readAllLines(instance.resolve("data/postmaster.pid")).get(0).trim());
        run.awaitLine(line -> line.startsWith("[ 2/30]"));

        run.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output streams

        run.assertInterrupted(143, "SIGTERM");
        assertThat(instance).as("the run's server folder").doesNotExist();
        assertThat(Processes.exited(postmaster)).as("the run's postmaster exited").isTrue();
    }

    @Test
    void sigterm_and_ctrl_c_on_an_existing_server_drop_the_runs_databases_and_exit_143_and_130() throws Exception {
        try (PostgresServer host = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
             DisposableDatabase entry = host.createDatabase()) {
            Run terminated = start("--postgres-url", serverUrl(entry));
            terminated.awaitLine(line -> line.startsWith("[ 2/30]"));
            assertThat(databasesOf(terminated, entry)).as("the run's working database, mid-walk").isNotEmpty();

            terminated.process.toHandle().destroy();

            terminated.assertInterrupted(143, "SIGTERM");
            assertThat(databasesOf(terminated, entry)).as("databases the run created").isEmpty();

            Run interrupted = start("--postgres-url", serverUrl(entry));
            if (ignoresSigint(interrupted.process.pid())) {
                interrupted.process.destroy();
                interrupted.process.waitFor(60, TimeUnit.SECONDS);
            }
            assumeFalse(ignoresSigint(ProcessHandle.current().pid()),
                    "the build runs with SIGINT ignored (a background job), which a child JVM keeps: no Ctrl-C reaches it");
            interrupted.awaitLine(line -> line.startsWith("[ 2/30]"));

            new ProcessBuilder("kill", "-INT", String.valueOf(interrupted.process.pid())).start().waitFor();

            interrupted.assertInterrupted(130, "SIGINT");
            assertThat(databasesOf(interrupted, entry)).as("databases the run created").isEmpty();
        }
    }

    /** The host's URL with its login: the embedded server asks every login for its password. */
    private static String serverUrl(DisposableDatabase entry) {
        return entry.jdbcUrl() + "?user=" + entry.user() + "&password=" + entry.password();
    }

    private Run start(String... options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                "-D" + PostgresSettings.EMBEDDED_BINARIES + "=" + System.getProperty(PostgresSettings.EMBEDDED_BINARIES, ""),
                "-jar", JAR.toString(), "verify", history.toString(),
                "--json", dir.resolve("report.json").toString(),
                "--junit-xml", dir.resolve("report.xml").toString(),
                "--markdown", dir.resolve("summary.md").toString()));
        command.addAll(List.of(options));
        assertThat(JAR).as("the packaged command line (mvn package)").exists();
        return new Run(new ProcessBuilder(command).start());
    }

    /** The databases on the host that a run's process created: their comment names its pid. */
    private static List<String> databasesOf(Run run, DisposableDatabase entry) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = entry.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database"
                     + " WHERE shobj_description(oid, 'pg_database') LIKE '%(pid " + run.process.pid() + " on %'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Whether the process ignores SIGINT (signal 2), as /proc says: the JVM then keeps it ignored. */
    private static boolean ignoresSigint(long pid) throws IOException {
        String mask = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).findFirst().orElseThrow().split("\\s+")[1];
        return new BigInteger(mask, 16).testBit(1);
    }

    /** A child JVM running the command line, its output read as it comes. */
    private final class Run {
        final Process process;
        private final List<String> out = new ArrayList<>();
        private final CompletableFuture<String> err;

        Run(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> readLines(process.getInputStream()), "cli-stdout");
            reader.setDaemon(true);
            reader.start();
            this.err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        }

        String awaitLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                synchronized (out) {
                    Optional<String> line = out.stream().filter(wanted).findFirst();
                    if (line.isPresent()) {
                        return line.get();
                    }
                    if (!process.isAlive()) {
                        break;
                    }
                    out.wait(200);
                }
            }
            throw new AssertionError("the command line never printed the line awaited; its output:\n" + output());
        }

        void assertInterrupted(int exitCode, String signal) throws Exception {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ended").isTrue();
            String errors = err.get(10, TimeUnit.SECONDS);
            assertThat(process.exitValue()).as(output() + errors).isEqualTo(exitCode);
            // The signal may fall between one revision's line and the next one's start.
            assertThat(errors).containsPattern("migrationtest: interrupted by " + signal
                            + " (during|after) revision 00\\d\\d \\(table \\d+\\), \\d+ of 30\\.")
                    .contains("No verdict: no report was written").doesNotContain("SLF4J");
            assertThat(output()).doesNotContain("FAILED", "failed", "not reached", "Fix:");
            assertThat(dir.resolve("report.json")).doesNotExist();
            assertThat(dir.resolve("report.xml")).doesNotExist();
            assertThat(dir.resolve("summary.md")).doesNotExist();
        }

        private String output() {
            synchronized (out) {
                return String.join("\n", out);
            }
        }

        private void readLines(InputStream stream) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                        out.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        private String readAll(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }
}
