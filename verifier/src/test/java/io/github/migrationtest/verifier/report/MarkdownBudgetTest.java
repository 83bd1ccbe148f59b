package io.github.migrationtest.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Markdown summary stays within GitHub's job summary limit and says what it left out. */
class MarkdownBudgetTest {

    private static VerificationReport failing(int count, int differenceBytes) {
        return FailedDowngrades.report(count, "x".repeat(differenceBytes));
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void a_report_that_fits_is_whole_and_says_nothing_of_a_limit() {
        String markdown = MarkdownReport.render(failing(3, 10));

        assertThat(markdown).contains("public.t3: xxxxxxxxxx").doesNotContain("Left out");
    }

    @Test
    void failures_beyond_one_mebibyte_are_left_out_and_counted() {
        VerificationReport report = failing(400, 5_000); // about 2 MB of failures

        String markdown = MarkdownReport.render(report);

        assertThat(bytes(markdown)).isLessThanOrEqualTo(MarkdownReport.JOB_SUMMARY_LIMIT).isGreaterThan(1_000_000);
        assertThat(markdown).contains("| 400 (step 400) |  | ❌ |  |", "public.t1: x");
        java.util.regex.Matcher leftOut = java.util.regex.Pattern.compile("\n\\*\\*Left out to stay within 1 MiB\\*\\*"
                + " \\(GitHub shows no job summary larger than 1 MiB\\): (\\d+) failures\\. The command's output and its"
                + " --json report have them all\\.\n$").matcher(markdown);
        assertThat(leftOut.find()).as(markdown.substring(markdown.length() - 300)).isTrue();
        long shown = markdown.lines().filter(line -> line.matches("Revision \\d+ \\(step \\d+\\): .*")).count();
        assertThat(shown + Integer.parseInt(leftOut.group(1))).isEqualTo(400);
    }

    @Test
    void a_history_whose_table_alone_is_too_large_loses_rows_too() {
        String markdown = MarkdownReport.render(failing(50, 10), 1_000);

        assertThat(bytes(markdown)).isLessThanOrEqualTo(1_000);
        assertThat(markdown).containsPattern("\\*\\*Left out to stay within 1000 bytes\\*\\* \\(GitHub shows no job summary larger"
                + " than 1 MiB\\): \\d+ revision rows and 50 failures\\.");
    }
}
