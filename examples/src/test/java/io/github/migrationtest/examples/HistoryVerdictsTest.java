package io.github.migrationtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The build asserts the verifier's verdict on every example history, passing and broken. */
class HistoryVerdictsTest {

    private static final Path HISTORIES = Path.of("histories");

    private static VerificationReport verify(String history) {
        return new Verifier(MigrationSources.open(HISTORIES.resolve(history), SourceOptions.defaults()),
                VerifierOptions.defaults()).verify(PostgresServer.shared());
    }

    @Test
    void a_sound_sql_history_passes_every_check() {
        VerificationReport report = verify("sql-pairs");

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.revisions()).extracting(RevisionReport::id).containsExactly("0001", "0002", "0003", "0004");
        assertThat(report.results()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE)).get().extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_broken_history_reports_every_bad_revision_in_one_run() {
        VerificationReport report = verify("broken-sql-pairs");

        assertThat(report.passed()).isFalse();
        assertThat(outcome(report, "0001", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);

        // 0003: the downgrade forgets an index on a column that stays.
        CheckResult forgotIndex = result(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(forgotIndex.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(forgotIndex.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.users_name_idx", "unexpected"));
        assertThat(forgotIndex.fix()).contains("0003_add_nickname.down.sql");

        // 0004: the enum type is left behind, so the upgrade cannot run again.
        CheckResult typeLeft = result(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(typeLeft.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(typeLeft.differences()).extracting(ReportedDifference::path).containsExactly("type public.mood");
        CheckResult reupgrade = result(report, "0004", Check.REUPGRADE_REPRODUCES_SCHEMA);
        assertThat(reupgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(reupgrade.error()).get().satisfies(error -> {
            assertThat(error.location()).isEqualTo("histories/broken-sql-pairs/0004_add_mood.up.sql:1:1");
            assertThat(error.message()).contains("type \"mood\" already exists");
        });

        // 0005: the downgrade drops a column the upgrade did not add; the walk recovers and goes on.
        CheckResult droppedForeign = result(report, "0005", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(droppedForeign.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(droppedForeign.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.users.created_at", "missing"));

        // 0006: a failing statement stops the walk; 0007 is never reached.
        CheckResult failedUp = result(report, "0006", Check.UPGRADES_APPLY);
        assertThat(failedUp.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failedUp.error()).get().satisfies(error -> {
            assertThat(error.location()).isEqualTo("histories/broken-sql-pairs/0006_orders.up.sql:7:1");
            assertThat(error.message()).contains("column \"usr_id\" does not exist");
        });
        assertThat(outcome(report, "0007", Check.UPGRADES_APPLY)).isEqualTo(Outcome.NOT_REACHED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE)).get().extracting(CheckResult::outcome)
                .isEqualTo(Outcome.NOT_REACHED);
    }

    private static CheckResult result(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow();
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return result(report, revision, check).outcome();
    }
}
