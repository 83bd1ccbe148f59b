package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @Test
    void a_command_that_hangs_without_printing_is_stopped_at_its_timeout() throws IOException {
        long started = System.nanoTime();
        Commands.Result result = Commands.run(List.of("sleep", "30"), null, Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(124);
        assertThat(result.output()).isEqualTo("timed out after 1 s: sleep 30");
    }

    @Test
    void output_and_errors_are_captured_together_also_when_they_fill_a_pipe() throws IOException {
        Commands.Result result = Commands.run(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x; echo; echo oops >&2; exit 3"),
                null, Duration.ofSeconds(30));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).hasSize(200_000 + 1 + 4).startsWith("xxx").endsWith("\noops");
    }

    @Test
    void a_command_that_cannot_start_is_exit_127_and_a_failed_checked_one_says_what_ran() throws IOException {
        Commands.Result missing = Commands.run(List.of("/nonexistent/tool"), null, Duration.ofSeconds(5));
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.output()).startsWith("/nonexistent/tool: ");
        assertThatThrownBy(() -> Commands.runChecked(List.of("sh", "-c", "echo nope; exit 2"), null, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessage("sh -c echo nope; exit 2 exited with 2:" + System.lineSeparator() + "nope");
    }

    @Test
    void output_files_a_killed_run_left_are_deleted_and_recent_ones_kept(@TempDir Path folder) throws IOException {
        Path abandoned = Files.writeString(folder.resolve("migrationtest-command-123.out"), "initdb said");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path running = Files.writeString(folder.resolve("migrationtest-command-456.out"), "");
        Path someoneElses = Files.writeString(folder.resolve("other.out"), "");
        Files.setLastModifiedTime(someoneElses, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertThat(Commands.deleteAbandonedOutputs(folder, Commands.ABANDONED_AFTER)).containsExactly(abandoned);
        assertThat(abandoned).doesNotExist();
        assertThat(running).exists();
        assertThat(someoneElses).exists();
    }
}
