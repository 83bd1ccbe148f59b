package io.github.migrationtest.verifier.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports for format tests: a history whose every downgrade leaves its table behind. */
public final class FailedDowngrades {

    private FailedDowngrades() {
    }

    /** {@code count} revisions, each failing DOWNGRADE_RESTORES_SCHEMA with a difference of {@code padding} after its path. */
    public static VerificationReport report(int count, String padding) {
        List<RevisionReport> revisions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            revisions.add(new RevisionReport(String.valueOf(i), "step " + i, Map.of(Check.DOWNGRADE_RESTORES_SCHEMA,
                    CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade did not restore the schema",
                            List.of(new ReportedDifference("public.t" + i, "unexpected", null, "t", false,
                                    "public.t" + i + ": " + padding)), "drop it")), Timings.NONE));
        }
        return new VerificationReport("sql db", "Postgres 17", List.of(), revisions, Duration.ofSeconds(1));
    }
}
