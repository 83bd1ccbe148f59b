package io.github.migrationtest.verifier.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.RunningStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a running statement reads on the live line, and when a log hears of it again. */
class StatementTextTest {

    private static final Instant STARTED = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;

    private static RunningStatement running(int pid, String query, Duration running) {
        return new RunningStatement(pid, "migrationtest_1_1", query, STARTED, running, "", List.of());
    }

    @Test
    void a_statement_reads_on_one_line_with_how_long_it_has_run() {
        assertThat(StatementText.of(running(7, "SELECT\n    pg_sleep(600)", Duration.ofSeconds(42))))
                .isEqualTo("running 42 s: SELECT pg_sleep(600)");
        assertThat(StatementText.duration(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(StatementText.duration(Duration.ofMinutes(62))).isEqualTo("1 h 02 min");
        String longOne = "UPDATE orders SET total = (SELECT sum(amount) FROM lines WHERE lines.order_id = orders.id)"
                + " WHERE total IS NULL";
        assertThat(StatementText.of(running(7, "<insufficient privilege>", Duration.ofSeconds(10))))
                .isEqualTo("running 10 s: a statement whose text the server's user may not read (it needs pg_read_all_stats)");
        assertThat(StatementText.oneLine(longOne)).hasSize(80).endsWith("...").startsWith("UPDATE orders SET total");
    }

    @Test
    void a_statement_blocked_by_a_lock_names_the_processes_holding_it() {
        RunningStatement blocked = new RunningStatement(7, "migrationtest_1_1", "INSERT INTO t VALUES (1)", STARTED,
                Duration.ofSeconds(12), "Lock", List.of(4242));
        assertThat(StatementText.of(blocked)).isEqualTo("waiting 12 s for a lock held by pid 4242: INSERT INTO t VALUES (1)");

        RunningStatement byTwo = new RunningStatement(7, "migrationtest_1_1", "LOCK t", STARTED, Duration.ofSeconds(3),
                "Lock", List.of(1, 2));
        assertThat(StatementText.of(byTwo)).isEqualTo("waiting 3 s for a lock held by pids 1, 2: LOCK t");
    }

    @Test
    void a_log_hears_of_a_statement_at_growing_intervals_once_per_step() {
        GrowingIntervals intervals = new GrowingIntervals(Duration.ofSeconds(10));
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(intervals::mark).map(Duration::toSeconds))
                .containsExactly(10L, 30L, 60L, 120L, 300L, 600L, 900L);

        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(9))))).isEmpty();
        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(10))))).hasSize(1);
        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(11))))).as("once per step").isEmpty();
        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(125))))).as("late: one line").hasSize(1);
        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(299))))).as("steps passed are skipped")
                .isEmpty();
        assertThat(intervals.due(List.of(running(8, "SELECT 2", Duration.ofSeconds(10))))).as("another statement")
                .hasSize(1);
        assertThat(intervals.due(List.of(running(7, "SELECT 1", Duration.ofSeconds(10))))).as("forgotten once ended")
                .hasSize(1);
    }

    @Test
    void the_file_holding_a_statement_is_named_only_when_exactly_one_holds_it() throws IOException {
        Path up = Files.writeString(dir.resolve("0002_slow.up.sql"), "-- slow\nSELECT\n  pg_sleep(600);\nSELECT 1;\n");
        Path down = Files.writeString(dir.resolve("0002_slow.down.sql"), "SELECT 1;\n");
        List<String> files = List.of(up.toString(), down.toString(), dir.resolve("missing.sql").toString());
        StatementFiles statementFiles = new StatementFiles();

        assertThat(statementFiles.fileOf("SELECT pg_sleep(600)", files)).contains(up.toString());
        assertThat(statementFiles.fileOf("SELECT 1", files)).as("in both").isEmpty();
        assertThat(statementFiles.fileOf("CREATE TABLE generated (id int)", files)).as("in none").isEmpty();
    }
}
