package io.github.migrationtest.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL proposed with a HEAD_MATCHES_MODEL failure, in every report format. */
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
}
