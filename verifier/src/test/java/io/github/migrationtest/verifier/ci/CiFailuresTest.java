package io.github.migrationtest.verifier.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.report.Timings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failures placed on the file and line to fix, relative to the CI workspace. */
class CiFailuresTest {

    static final Path WORKSPACE = Path.of("/home/runner/work/shop/shop");

    /** Revision 2's downgrade leaves an index behind; revision 3's upgrade fails at line 4. */
    static VerificationReport report() {
        CheckResult leftBehind = CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade did not restore the schema",
                List.of(new ReportedDifference("public.users_email_idx", "unexpected", null, "CREATE INDEX ...", false,
                        "public.users_email_idx: index left behind by the downgrade")),
                "make U2__email_index.sql drop the index, or declare revision 2 irreversible");
        CheckResult failedUpgrade = CheckResult.failed(Check.UPGRADES_APPLY, "the upgrade failed",
                new StatementError(WORKSPACE.resolve("db/migration/V3__tier.sql").toString(), 4, 12,
                        "ERROR: column \"tier\" of relation \"users\" already exists"), "fix the statement");
        List<RevisionReport> revisions = List.of(
                new RevisionReport("1", "users", Map.of(Check.UPGRADES_APPLY, CheckResult.passed(Check.UPGRADES_APPLY)), Timings.NONE),
                new RevisionReport("2", "email index", Map.of(Check.DOWNGRADE_RESTORES_SCHEMA, leftBehind), Timings.NONE),
                new RevisionReport("3", "tier", Map.of(Check.UPGRADES_APPLY, failedUpgrade), Timings.NONE));
        return new VerificationReport("flyway db/migration", "Postgres 17", List.of(), revisions, Duration.ofSeconds(1));
    }

    static List<Revision> revisions() {
        return List.of(Revision.reversible("1", "users", List.of("db/migration/V1__users.sql", "db/migration/U1__users.sql")),
                Revision.reversible("2", "email index", List.of("db/migration/V2__email_index.sql", "db/migration/U2__email_index.sql")),
                Revision.reversible("3", "tier", List.of("db/migration/V3__tier.sql", "db/migration/U3__tier.sql")));
    }

    static List<CiFailure> failures() {
        return new CiFailures(revisions(), Optional.of(WORKSPACE), WORKSPACE).of(report());
    }

    @Test
    void a_failing_statement_is_placed_on_its_line_and_a_downgrade_that_restores_nothing_on_the_downgrade() {
        List<CiFailure> failures = failures();

        assertThat(failures).extracting(CiFailure::file, CiFailure::line, CiFailure::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.of("db/migration/U2__email_index.sql"), 0,
                        "Revision 2 (email index): DOWNGRADE_RESTORES_SCHEMA"),
                org.assertj.core.groups.Tuple.tuple(Optional.of("db/migration/V3__tier.sql"), 4, "Revision 3 (tier): UPGRADES_APPLY"));
        assertThat(failures.get(0).message()).isEqualTo("""
                Revision 2 (email index): the downgrade did not restore the schema
                  public.users_email_idx: index left behind by the downgrade
                Fix: make U2__email_index.sql drop the index, or declare revision 2 irreversible""");
    }

    @Test
    void paths_outside_the_workspace_stay_as_they_are() {
        List<CiFailure> failures = new CiFailures(revisions(), Optional.of(Path.of("/elsewhere")), WORKSPACE).of(report());

        assertThat(failures.get(1).file()).contains(WORKSPACE.resolve("db/migration/V3__tier.sql").toString());
        assertThat(failures.get(0).file()).contains("db/migration/U2__email_index.sql");
    }
}
