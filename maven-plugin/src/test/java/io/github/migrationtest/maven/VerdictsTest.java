package io.github.migrationtest.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The command line's exit codes become the build's outcome, with its own words as the message. */
class VerdictsTest {

    @Test
    void exit_code_0_passes() {
        assertThatCode(() -> Verdicts.throwIfNotPassed(new CommandLineRun.Result(0, List.of(), List.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void exit_code_1_fails_the_build_with_the_failures_printed_after_the_summary() {
        CommandLineRun.Result result = new CommandLineRun.Result(1,
                List.of("Revision 2 (add mood): the downgrade did not restore the schema", "  type public.mood: unexpected enum"),
                List.of());

        assertThatThrownBy(() -> Verdicts.throwIfNotPassed(result)).isExactlyInstanceOf(MojoFailureException.class)
                .hasMessage("migrationtest: a check failed\n\nRevision 2 (add mood): the downgrade did not restore the schema\n"
                        + "  type public.mood: unexpected enum");
    }

    @Test
    void exit_code_2_is_an_error_with_the_command_lines_reason_after_its_findings() {
        CommandLineRun.Result result = new CommandLineRun.Result(2, List.of(),
                List.of("a finding about file 0003_x.sql", "migrationtest: no Postgres could be started", "  embedded: ..."));

        assertThatThrownBy(() -> Verdicts.throwIfNotPassed(result)).isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("migrationtest: no Postgres could be started\n  embedded: ...");
    }

    @Test
    void another_exit_code_is_an_error_that_says_which() {
        assertThatThrownBy(() -> Verdicts.throwIfNotPassed(new CommandLineRun.Result(130, List.of(), List.of())))
                .isExactlyInstanceOf(MojoExecutionException.class).hasMessageContaining("exit code 130");
    }
}
