package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Revision;
import java.time.Duration;
import java.util.List;

/**
 * Where a sequential walk's time goes, from when the listener hears of each revision: inside a
 * revision, its SQL, snapshots and safety measuring (the report's timings) and the rest (comparing, bookkeeping);
 * between two revisions, the recovery after a round trip that left the state wrong, otherwise a
 * checkpoint; before the first, the start (database, recorder, init scripts, base snapshot, first
 * checkpoint); after the last, the full downgrade. Only meaningful on one database ({@code --jobs 1}),
 * where the listener hears of each revision as it is walked.
 */
final class WalkClock implements ProgressListener {

    /** Milliseconds per part of the walk. */
    record Breakdown(double sql, double snapshots, double safety, double compare, double recovery, int recoveries,
                     double checkpoints, double fullDowngrade, double startUp, double end) {
    }

    private final long start = System.nanoTime();
    private long[] started = new long[0];
    private long[] finished = new long[0];
    private long fullDowngradeDone;

    @Override
    public void revisionStarted(Revision revision, int index, int count) {
        grow(count);
        started[index] = System.nanoTime();
    }

    @Override
    public void revisionFinished(RevisionReport report, int index, int count) {
        grow(count);
        finished[index] = System.nanoTime();
    }

    @Override
    public void historyCheckFinished(CheckResult result) {
        if (result.check() == Check.FULL_DOWNGRADE_TO_BASE) {
            fullDowngradeDone = System.nanoTime();
        }
    }

    Breakdown breakdown(VerificationReport report, List<Revision> revisions, long end) {
        double sql = 0;
        double snapshots = 0;
        double safety = 0;
        double compare = 0;
        double recovery = 0;
        double checkpoints = 0;
        int recoveries = 0;
        int n = report.revisions().size();
        for (int i = 0; i < n; i++) {
            RevisionReport revision = report.revisions().get(i);
            sql += millis(revision.timings().migrations());
            snapshots += millis(revision.timings().snapshots());
            safety += millis(revision.timings().safety());
            compare += (finished[i] - started[i]) / 1e6 - millis(revision.timings().total());
            if (i + 1 < n) {
                double gap = (started[i + 1] - finished[i]) / 1e6;
                if (leftStateWrong(revision, revisions.get(i))) {
                    recovery += gap;
                    recoveries++;
                } else {
                    checkpoints += gap;
                }
            }
        }
        long last = n == 0 ? start : finished[n - 1];
        long walkEnd = fullDowngradeDone == 0 ? last : fullDowngradeDone;
        return new Breakdown(sql, snapshots, safety, compare, recovery, recoveries, checkpoints, (walkEnd - last) / 1e6,
                ((n == 0 ? last : started[0]) - start) / 1e6, (end - walkEnd) / 1e6);
    }

    /** As {@code RoundTrip} decides it: a downgrade that failed or differed, or a re-upgrade that did. */
    static boolean leftStateWrong(RevisionReport report, Revision revision) {
        boolean downWrong = revision.hasDowngrade()
                && report.result(Check.DOWNGRADE_RESTORES_SCHEMA).map(CheckResult::isFailed).orElse(false);
        return downWrong || report.result(Check.REUPGRADE_REPRODUCES_SCHEMA).map(CheckResult::isFailed).orElse(false);
    }

    private void grow(int count) {
        if (started.length < count) {
            started = new long[count];
            finished = new long[count];
        }
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
