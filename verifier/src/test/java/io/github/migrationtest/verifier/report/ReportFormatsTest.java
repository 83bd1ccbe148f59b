package io.github.migrationtest.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every report format on one report with each outcome: a sound revision, a broken downgrade, a
 * failed upgrade and a revision after it, history checks passed, not reached and skipped.
 */
class ReportFormatsTest {

    private static final ReportedDifference MOOD_LEFT = new ReportedDifference("type public.mood", "unexpected", null,
            "ENUM ('happy')", false, "type public.mood: unexpected type: ENUM ('happy')");
    private static final ReportedDifference COLUMN_ORDER = new ReportedDifference("public.users", "column order",
            "id, mood, name", "id, name, mood", true, "public.users: column order id, mood, name -> id, name, mood");

    private static final RevisionReport SOUND = revision("0001", "users", new Timings(ms(10), ms(3), ms(12), ms(40)),
            CheckResult.passed(Check.UPGRADES_APPLY), CheckResult.passed(Check.DOWNGRADE_RESTORES_SCHEMA),
            CheckResult.passed(Check.REUPGRADE_REPRODUCES_SCHEMA));
    private static final RevisionReport BROKEN_DOWN = revision("0002", "mood", new Timings(ms(20), ms(5), ms(0), ms(30)),
            CheckResult.passed(Check.UPGRADES_APPLY),
            CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade did not restore the schema",
                    List.of(MOOD_LEFT, COLUMN_ORDER), "Make 0002_mood.down.sql undo every change of the upgrade"),
            CheckResult.failed(Check.REUPGRADE_REPRODUCES_SCHEMA, "the upgrade failed after the downgrade",
                    new StatementError("0002_mood.up.sql", 1, 13, "type \"mood\" already exists"),
                    "Make 0002_mood.down.sql undo every change of the upgrade"));
    private static final RevisionReport FAILED_UP = revision("0003", "", new Timings(ms(7), ms(0), ms(0), ms(0)),
            CheckResult.failed(Check.UPGRADES_APPLY, "the upgrade failed",
                    new StatementError("0003.up.sql", 2, 0, "syntax error at or near \"TABEL\""), "Fix the statement at 0003.up.sql:2"),
            CheckResult.notReached(Check.DOWNGRADE_RESTORES_SCHEMA, "the upgrade failed"),
            CheckResult.notReached(Check.REUPGRADE_REPRODUCES_SCHEMA, "the upgrade failed"));
    private static final RevisionReport AFTER = revision("0004", "a | b", Timings.NONE,
            CheckResult.notReached(Check.UPGRADES_APPLY, "an earlier upgrade failed"),
            CheckResult.notReached(Check.DOWNGRADE_RESTORES_SCHEMA, "an earlier upgrade failed"),
            CheckResult.notReached(Check.REUPGRADE_REPRODUCES_SCHEMA, "an earlier upgrade failed"));

    private static final VerificationReport REPORT = new VerificationReport("sql history at db", "embedded Postgres 17",
            List.of(CheckResult.passed(Check.HISTORY_IS_LINEAR),
                    CheckResult.notReached(Check.FULL_DOWNGRADE_TO_BASE, "an upgrade failed, so head was never reached"),
                    CheckResult.skipped(Check.HEAD_MATCHES_MODEL, "no model given")),
            List.of(SOUND, BROKEN_DOWN, FAILED_UP, AFTER), ms(1741));

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static RevisionReport revision(String id, String description, Timings timings, CheckResult... results) {
        Map<Check, CheckResult> checks = new EnumMap<>(Check.class);
        for (CheckResult result : results) {
            checks.put(result.check(), result);
        }
        return new RevisionReport(id, description, checks, timings);
    }

    @Test
    void should_count_each_outcome_and_fail_on_failed_or_not_reached_checks() {
        assertThat(REPORT.counts()).isEqualTo(Map.of(Outcome.PASSED, 5L, Outcome.FAILED, 3L,
                Outcome.SKIPPED, 1L, Outcome.NOT_REACHED, 6L));
        assertThat(REPORT.passed()).isFalse();
        assertThat(REPORT.migrationTime()).isEqualTo(ms(10 + 3 + 12 + 20 + 5 + 7));
        assertThat(REPORT.snapshotTime()).isEqualTo(ms(70));
        VerificationReport skippedOnly = new VerificationReport("s", "p",
                List.of(CheckResult.skipped(Check.HEAD_MATCHES_MODEL, "no model given")), List.of(SOUND), ms(1));
        assertThat(skippedOnly.passed()).as("skipped on purpose is not a failure").isTrue();
    }

    @Test
    void should_write_the_failure_text_in_titled_sections_failing_differences_first() {
        assertThat(FailureText.render(BROKEN_DOWN, BROKEN_DOWN.result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow()))
                .isEqualTo("""
                        Revision 0002 (mood): the downgrade did not restore the schema
                          type public.mood: unexpected type: ENUM ('happy')
                        Also changed, not failing:
                          public.users: column order id, mood, name -> id, name, mood
                        Fix: Make 0002_mood.down.sql undo every change of the upgrade""");
        assertThat(FailureText.render(FAILED_UP, FAILED_UP.result(Check.UPGRADES_APPLY).orElseThrow()))
                .isEqualTo("""
                        Revision 0003: the upgrade failed
                          0003.up.sql:2: syntax error at or near "TABEL"
                        Fix: Fix the statement at 0003.up.sql:2""");
        assertThat(FailureText.render(new CheckResult(Check.FULL_DOWNGRADE_TO_BASE, Outcome.FAILED, "", List.of(),
                Optional.empty(), ""))).isEqualTo("History: it is not true that a full downgrade returns to the base schema");
    }

    @Test
    void should_give_the_summary_table_counts_and_progress_lines() {
        assertThat(Summary.table(REPORT)).isEqualTo(String.join(System.lineSeparator(),
                "revision                             upgrade   downgrade reupgrade",
                "0001 (users)                         ok        ok        ok       ",
                "0002 (mood)                          ok        FAILED    FAILED   ",
                "0003                                 FAILED    -         -        ",
                "0004 (a | b)                         -         -         -        ",
                "HISTORY_IS_LINEAR                    ok",
                "FULL_DOWNGRADE_TO_BASE               -",
                "HEAD_MATCHES_MODEL                   skipped",
                "5 passed, 3 failed, 1 skipped, 6 not reached in 1.7 s (migration SQL 0.1 s, snapshots 0.1 s)", ""));
        assertThat(Summary.line(BROKEN_DOWN))
                .isEqualTo("0002 (mood)                          up ok  down FAILED  reup FAILED  55 ms");
        // A Liquibase id longer than the column keeps its end, where two files of one folder differ.
        RevisionReport longId = new RevisionReport("db/changelog/v0.1/dml/2024-01-28--02-persons.sql::2::dev", "",
                BROKEN_DOWN.checks(), BROKEN_DOWN.timings());
        assertThat(Summary.line(longId)).startsWith("…/2024-01-28--02-persons.sql::2::dev up ok");
    }

    @Test
    void should_write_json_with_each_check_its_differences_error_and_the_summary_by_outcome() {
        String json = JsonReport.render(REPORT);

        assertThat(json).startsWith("{\"source\":\"sql history at db\",\"postgres\":\"embedded Postgres 17\",\"passed\":false,"
                        + "\"checks\":{\"HISTORY_IS_LINEAR\":{\"outcome\":\"PASSED\",\"reason\":\"\",\"fix\":\"\","
                        + "\"differences\":[],\"error\":null,\"migration\":null},")
                .contains("{\"id\":\"0002\",\"description\":\"mood\",\"checks\":{\"UPGRADES_APPLY\":{\"outcome\":\"PASSED\"",
                        "\"DOWNGRADE_RESTORES_SCHEMA\":{\"outcome\":\"FAILED\",\"reason\":\"the downgrade did not restore the"
                                + " schema\",\"fix\":\"Make 0002_mood.down.sql undo every change of the upgrade\","
                                + "\"differences\":[{\"path\":\"type public.mood\",\"kind\":\"unexpected\",\"expected\":null,"
                                + "\"actual\":\"ENUM ('happy')\",\"reportOnly\":false},{\"path\":\"public.users\","
                                + "\"kind\":\"column order\",\"expected\":\"id, mood, name\",\"actual\":\"id, name, mood\","
                                + "\"reportOnly\":true}],\"error\":null,\"migration\":null}",
                        "\"error\":{\"file\":\"0002_mood.up.sql\",\"line\":1,\"column\":13,"
                                + "\"message\":\"type \\\"mood\\\" already exists\"}",
                        "\"timings\":{\"upgradeMs\":20,\"downgradeMs\":5,\"reupgradeMs\":0,\"snapshotMs\":30,"
                                + "\"safetyMs\":0},\"safety\":[]}")
                .endsWith(",\"summary\":{\"passed\":5,\"failed\":3,\"skipped\":1,\"notReached\":6,\"revisions\":4,"
                        + "\"totalMs\":1741,\"migrationMs\":57,\"snapshotMs\":70,\"safetyMs\":0,\"safety\":{}}}\n");
    }

    @Test
    void should_write_junit_xml_with_a_test_case_per_check_failures_and_skips_counted() {
        String xml = JUnitXmlReport.render(REPORT);

        assertThat(xml).contains("<testsuite name=\"migrationtest\" tests=\"15\" failures=\"3\" errors=\"0\" skipped=\"7\""
                        + " time=\"1.741\">")
                .contains("<testcase classname=\"history\" name=\"HISTORY_IS_LINEAR\" time=\"0.000\"></testcase>")
                .contains("<testcase classname=\"history\" name=\"FULL_DOWNGRADE_TO_BASE\" time=\"0.000\">"
                        + "<skipped message=\"not reached: an upgrade failed, so head was never reached\"")
                .contains("<testcase classname=\"history\" name=\"HEAD_MATCHES_MODEL\" time=\"0.000\">"
                        + "<skipped message=\"skipped: no model given\"")
                .contains("<testcase classname=\"revision 0002 (mood)\" name=\"DOWNGRADE_RESTORES_SCHEMA\" time=\"0.055\">"
                        + "<failure message=\"the downgrade did not restore the schema\">Revision 0002 (mood): the downgrade"
                        + " did not restore the schema\n  type public.mood: unexpected type: ENUM ('happy')\n")
                .contains("<testcase classname=\"revision 0003\" name=\"UPGRADES_APPLY\" time=\"0.007\"><failure"
                        + " message=\"the upgrade failed\">Revision 0003: the upgrade failed\n  0003.up.sql:2: syntax error"
                        + " at or near \"TABEL\"\nFix: Fix the statement at 0003.up.sql:2</failure></testcase>");
        assertThat(xml.split("<testcase ", -1)).hasSize(16);
    }

    @Test
    void should_write_markdown_tables_then_each_failure() {
        String md = MarkdownReport.render(REPORT);

        assertThat(md).startsWith("""
                ## migrationtest: ❌ verification failed

                sql history at db on embedded Postgres 17

                5 passed, 3 failed, 1 skipped, 6 not reached in 1.7 s (migration SQL 0.1 s, snapshots 0.1 s)

                | revision | upgrade | downgrade | re-upgrade |
                |---|---|---|---|
                | 0001 (users) | ✅ | ✅ | ✅ |
                | 0002 (mood) | ✅ | ❌ | ❌ |
                | 0003 | ❌ | not reached | not reached |
                | 0004 (a \\| b) | not reached | not reached | not reached |

                | history check | outcome |
                |---|---|
                | the history is linear | ✅ |
                | a full downgrade returns to the base schema | not reached: an upgrade failed, so head was never reached |
                | the head schema matches the model | ⏭️ skipped: no model given |

                ### Failures

                ```
                Revision 0002 (mood): the downgrade did not restore the schema
                """);
        assertThat(md.split("\n```\nRevision ", -1)).as("one block per failure").hasSize(4);
        assertThat(md).contains("```\nRevision 0002 (mood): the upgrade failed after the downgrade\n",
                "```\nRevision 0003: the upgrade failed\n");
        assertThat(MarkdownReport.render(new VerificationReport("s", "p", List.of(), List.of(SOUND), ms(1))))
                .startsWith("## migrationtest: ✅ all downgrades verified").doesNotContain("Failures");
    }

    @Test
    void the_markdown_header_names_the_server_without_where_it_ran() {
        assertThat(MarkdownReport.server("embedded Postgres 17.7 on port 43619 (root via unshare -U, data in"
                + " /dev/shm/migrationtest-0/instances/pg-1/data)")).isEqualTo("embedded Postgres 17.7");
        assertThat(MarkdownReport.server("Postgres in container 3f2a9c (postgres:16-alpine) on localhost:32768,"
                + " Docker at unix:///var/run/docker.sock")).isEqualTo("Postgres in container (postgres:16-alpine) on localhost:32768");
        assertThat(MarkdownReport.server("existing Postgres 16.2 at jdbc:postgresql://db:5432/postgres"))
                .isEqualTo("existing Postgres 16.2 at jdbc:postgresql://db:5432/postgres");

        String where = "embedded Postgres 17.7 on port 43619 (as this user, data in /tmp/pg-1/data)";
        VerificationReport report = new VerificationReport(REPORT.source(), where, REPORT.historyChecks(),
                REPORT.revisions(), REPORT.total());
        assertThat(MarkdownReport.render(report)).contains("sql history at db on embedded Postgres 17.7\n")
                .doesNotContain("43619").doesNotContain("/tmp/pg-1");
        assertThat(JsonReport.render(report)).contains(where);
    }

    @Test
    void should_list_history_wide_failures_first_then_each_revisions_in_history_order() {
        CheckResult fullDowngrade = CheckResult.failed(Check.FULL_DOWNGRADE_TO_BASE, "the full downgrade failed",
                new StatementError("0001.down.sql", 1, 1, "table \"users\" does not exist"), "Fix 0001.down.sql");
        VerificationReport report = new VerificationReport("s", "p", List.of(CheckResult.passed(Check.HISTORY_IS_LINEAR),
                fullDowngrade), List.of(SOUND, BROKEN_DOWN), ms(1));
        List<String> subjects = new ArrayList<>();

        FailureText.forEachFailure(report, (subject, result) -> subjects.add(subject + ": " + result.check()));

        assertThat(subjects).containsExactly("History: FULL_DOWNGRADE_TO_BASE",
                "Revision 0002 (mood): DOWNGRADE_RESTORES_SCHEMA", "Revision 0002 (mood): REUPGRADE_REPRODUCES_SCHEMA");
        assertThat(MarkdownReport.render(report)).containsSubsequence("```\nHistory: the full downgrade failed\n",
                "```\nRevision 0002 (mood): the downgrade did not restore the schema\n");
    }
}
