package io.github.migrationtest.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command line prints becomes log lines, as a log shows them. */
class LineWriterTest {

    private final List<String> lines = new ArrayList<>();

    @Test
    void a_terminals_in_place_progress_leaves_only_the_finished_line() {
        try (PrintWriter writer = new PrintWriter(new CommandLineRun.LineWriter(lines::add))) {
            writer.print("\r[1/7] 0001 (create users) ...");
            writer.println("\r\u001B[K[1/7] 0001 (create users)   up ok  down ok  reup ok  177 ms");
            writer.println("[2/7] 0002 (add email)   up ok  down ok  reup ok  57 ms");
        }

        assertThat(lines).containsExactly("[1/7] 0001 (create users)   up ok  down ok  reup ok  177 ms",
                "[2/7] 0002 (add email)   up ok  down ok  reup ok  57 ms");
    }

    @Test
    void a_last_line_without_a_line_end_is_handed_on_when_closed() {
        try (PrintWriter writer = new PrintWriter(new CommandLineRun.LineWriter(lines::add))) {
            writer.print("one\r\ntwo");
            writer.flush();
            assertThat(lines).containsExactly("one");
        }

        assertThat(lines).containsExactly("one", "two");
    }

    @Test
    void the_totals_line_is_the_one_the_summary_ends_with() {
        assertThat(CommandLineRun.TOTALS.matcher(
                "10 passed, 7 failed, 0 skipped, 6 not reached in 1.8 s (migration SQL 0.1 s, snapshots 0.5 s)").matches()).isTrue();
        assertThat(CommandLineRun.TOTALS.matcher("[3/7] 0003 (add nickname)  up ok  down FAILED").matches()).isFalse();
    }
}
