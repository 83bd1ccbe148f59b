package io.github.migrationtest.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The SQL proposed with a HEAD_MATCHES_MODEL failure, and what a downgrade lacks, in every report format. */
class ProposedMigrationReportsTest {

    private static final ReportedDifference NICKNAME = new ReportedDifference("public.users.nickname", "missing", "text",
            null, false, "public.users.nickname: missing column: text");

    private static VerificationReport report(ProposedMigration migration) {
        CheckResult failed = CheckResult.failed(Check.HEAD_MATCHES_MODEL, "the head schema does not match snapshot file"
                + " schema.snapshot", List.of(NICKNAME), "Add a migration").withMigration(migration);
        return new VerificationReport("sql history at db", "embedded Postgres 17", List.of(failed), List.of(), Duration.ZERO);
    }

    private static final VerificationReport PROPOSED = report(ProposedMigration.of(
            "ALTER TABLE public.users ADD COLUMN nickname text;", "ALTER TABLE public.users DROP COLUMN nickname;",
            List.of("public.users_view: a view's definition changed")));

    @Test
    void should_put_the_sql_in_the_json_under_migration() {
        assertThat(JsonReport.render(PROPOSED)).contains("\"HEAD_MATCHES_MODEL\":{\"outcome\":\"FAILED\"")
                .contains("\"migration\":{\"upgrade\":\"ALTER TABLE public.users ADD COLUMN nickname text;\","
                        + "\"downgrade\":\"ALTER TABLE public.users DROP COLUMN nickname;\","
                        + "\"manual\":[\"public.users_view: a view's definition changed\"],\"generationError\":null}");
        assertThat(JsonReport.render(report(ProposedMigration.notGenerated("IllegalStateException: boom"))))
                .contains("\"migration\":{\"upgrade\":\"\",\"downgrade\":\"\",\"manual\":[],"
                        + "\"generationError\":\"IllegalStateException: boom\"}");
    }

    @Test
    void should_give_json_checks_without_a_proposal_a_null_migration() {
        VerificationReport passed = new VerificationReport("s", "p", List.of(CheckResult.passed(Check.HISTORY_IS_LINEAR)),
                List.of(), Duration.ZERO);

        assertThat(JsonReport.render(passed)).contains("\"error\":null,\"migration\":null}");
    }

    @Test
    void should_show_the_sql_in_markdown_as_fenced_sql_blocks_after_the_failure() {
        assertThat(MarkdownReport.render(PROPOSED)).contains("""
                ```
                History: the head schema does not match snapshot file schema.snapshot
                  public.users.nickname: missing column: text
                Fix: Add a migration
                ```

                **Upgrade that closes the gap**

                ```sql
                ALTER TABLE public.users ADD COLUMN nickname text;
                ```

                **Its downgrade**

                ```sql
                ALTER TABLE public.users DROP COLUMN nickname;
                ```

                Not generated, to write by hand:

                - public.users_view: a view's definition changed
                """);
    }

    @Test
    void should_put_the_sql_in_the_junit_xml_failure_text() {
        assertThat(JUnitXmlReport.render(PROPOSED)).contains("""
                  public.users.nickname: missing column: text
                Upgrade that closes the gap:
                  ALTER TABLE public.users ADD COLUMN nickname text;
                Its downgrade:
                  ALTER TABLE public.users DROP COLUMN nickname;
                Not generated, to write by hand:
                  public.users_view: a view's definition changed
                Fix: Add a migration</failure>""");
    }

    @Test
    void should_show_what_a_downgrade_lacks_under_its_own_title_the_text_its_first_lines_markdown_all() {
        String drops = IntStream.rangeClosed(1, 50).mapToObj(i -> "DROP TABLE public.t" + i + ";")
                .collect(Collectors.joining("\n"));
        CheckResult failed = CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade did not restore the schema",
                List.of(), "Make 0001.down.sql undo every change of the upgrade (it lacks the SQL shown with this failure)")
                .withMigration(ProposedMigration.downgradeCompletion(drops, List.of()));

        String text = FailureText.render("Revision 0001", failed);
        assertThat(text).contains("What the downgrade lacks:\n  DROP TABLE public.t1;", "  DROP TABLE public.t40;\n"
                        + "  -- and 10 lines more, in the Markdown and JSON reports (--markdown, --json)\nFix: Make")
                .doesNotContain("DROP TABLE public.t41;", "Its downgrade", "Upgrade that closes the gap");
        VerificationReport report = new VerificationReport("s", "p", List.of(failed), List.of(), Duration.ZERO);
        assertThat(MarkdownReport.render(report)).contains("**What the downgrade lacks**\n\n```sql\nDROP TABLE public.t1;",
                "DROP TABLE public.t50;\n```");
        assertThat(JsonReport.render(report)).contains("\"migration\":{\"upgrade\":\"\",\"downgrade\":\"DROP TABLE public.t1;");
    }
}
