package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Timings;
import io.github.migrationtest.verifier.source.Revision;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The reason revisions are not reached is the earliest end's: parts of a history are walked at once, and one part may
 * end after a revision whose state cannot be rebuilt while an earlier part's upgrade fails before it.
 */
class RevisionResultsTest {

    private final List<Revision> revisions = IntStream.rangeClosed(1, 5)
            .mapToObj(i -> Revision.reversible("000" + i, "r" + i, List.of("000" + i + ".up.sql"))).toList();

    @Test
    void revisions_after_a_walk_that_ended_say_why() {
        RevisionResults results = new RevisionResults(revisions, VerifierOptions.defaults(), ProgressListener.NONE);
        finish(results, 0, 1, 2);
        results.endsAfter(2, "no copy to rebuild from");

        assertThat(reasons(results)).containsExactly("no copy to rebuild from", "no copy to rebuild from");
        assertThat(results.whyHeadNotReached()).isEqualTo("head was never reached: no copy to rebuild from");
    }

    @Test
    void an_earlier_failed_upgrade_in_another_part_gives_its_own_reason() {
        RevisionResults results = new RevisionResults(revisions, VerifierOptions.defaults(), ProgressListener.NONE);
        finish(results, 2, 3);
        results.endsAfter(3, "no copy to rebuild from"); // the second part ends first
        finish(results, 0);
        results.finished(1, new RoundTrip.Result(report(1), null, true, true)); // then the first part's upgrade fails

        assertThat(reasons(results)).containsExactly(RoundTrip.EARLIER_UPGRADE_FAILED,
                RoundTrip.EARLIER_UPGRADE_FAILED, RoundTrip.EARLIER_UPGRADE_FAILED);
        assertThat(results.whyHeadNotReached()).isEqualTo("an upgrade failed, so head was never reached");
    }

    private void finish(RevisionResults results, int... indexes) {
        for (int index : indexes) {
            results.finished(index, new RoundTrip.Result(report(index), null, false, false));
        }
    }

    private RevisionReport report(int index) {
        EnumMap<Check, CheckResult> checks = new EnumMap<>(Check.class);
        checks.put(Check.UPGRADES_APPLY, CheckResult.passed(Check.UPGRADES_APPLY));
        return new RevisionReport(revisions.get(index).id(), "", checks, Timings.NONE);
    }

    /** The reason each revision passed on as not reached gives for its upgrade's check. */
    private static List<String> reasons(RevisionResults results) {
        return results.reports().stream().map(r -> r.checks().get(Check.UPGRADES_APPLY))
                .filter(c -> c.outcome() == Outcome.NOT_REACHED)
                .map(CheckResult::reason).toList();
    }
}
