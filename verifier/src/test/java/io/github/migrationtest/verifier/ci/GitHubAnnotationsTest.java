package io.github.migrationtest.verifier.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.report.FailedDowngrades;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exact workflow commands GitHub Actions turns into annotations. */
class GitHubAnnotationsTest {

    @Test
    void each_failure_is_an_error_on_its_file_and_line_with_the_message_escaped() {
        List<String> lines = GitHubAnnotations.render(CiFailuresTest.failures());

        String tierFile = CiFailuresTest.WORKSPACE.resolve("db/migration/V3__tier.sql").toString();
        assertThat(lines).containsExactly(
                "::error file=db/migration/U2__email_index.sql,title=migrationtest%3A Revision 2 (email index)%3A"
                        + " DOWNGRADE_RESTORES_SCHEMA::Revision 2 (email index): the downgrade did not restore the schema%0A"
                        + "  public.users_email_idx: index left behind by the downgrade%0A"
                        + "Fix: make U2__email_index.sql drop the index, or declare revision 2 irreversible",
                "::error file=db/migration/V3__tier.sql,line=4,title=migrationtest%3A Revision 3 (tier)%3A UPGRADES_APPLY"
                        + "::Revision 3 (tier): the upgrade failed%0A"
                        + "  " + tierFile + ":4:12: ERROR: column \"tier\" of relation \"users\" already exists%0A"
                        + "Fix: fix the statement");
    }

    @Test
    void percent_carriage_return_line_feed_and_in_properties_colon_and_comma_are_escaped() {
        assertThat(WorkflowCommands.escapeData("100% done\r\nnext: a, b")).isEqualTo("100%25 done%0D%0Anext: a, b");
        assertThat(WorkflowCommands.escapeProperty("100% done\r\nnext: a, b")).isEqualTo("100%25 done%0D%0Anext%3A a%2C b");
        assertThat(WorkflowCommands.command("error", Map.of("file", "a,b:c.sql"), "x%y"))
                .isEqualTo("::error file=a%2Cb%3Ac.sql::x%25y");
    }

    @Test
    void beyond_ten_failures_a_notice_counts_the_ones_github_would_not_show() {
        List<CiFailure> failures = new CiFailures(List.of(), Optional.empty(), Path.of("."))
                .of(FailedDowngrades.report(13, "table left behind"));

        List<String> lines = GitHubAnnotations.render(failures);

        assertThat(lines).hasSize(11);
        assertThat(lines.subList(0, 10)).allMatch(line -> line.startsWith("::error title=migrationtest%3A Revision "));
        assertThat(lines.get(10)).isEqualTo("::notice title=migrationtest%3A 3 more failures::3 more failures are not"
                + " annotated (GitHub shows 10 error annotations per step): see this step's log or the job summary");
    }

    @Test
    void only_on_github_actions() {
        assertThat(GitHubAnnotations.enabled(Map.of("GITHUB_ACTIONS", "true"))).isTrue();
        assertThat(GitHubAnnotations.enabled(Map.of("CI", "true"))).isFalse();
    }
}
