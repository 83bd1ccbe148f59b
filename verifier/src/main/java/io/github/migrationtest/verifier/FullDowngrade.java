package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Head to base, one downgrade at a time, then compares with the base schema. It stops above the
 * first revision that is not to be round-tripped (floor, irreversible, skipped, no downgrade) and
 * compares with the state there instead, and says so.
 */
final class FullDowngrade {

    private final WorkingDatabase work;
    private final List<Revision> revisions;
    private final RevisionPolicy policy;
    private final List<SchemaSnapshot> snapshots;
    private final DiffOptions diffOptions;

    FullDowngrade(WorkingDatabase work, List<Revision> revisions, RevisionPolicy policy, List<SchemaSnapshot> snapshots,
                  DiffOptions diffOptions) {
        this.work = work;
        this.revisions = revisions;
        this.policy = policy;
        this.snapshots = snapshots;
        this.diffOptions = diffOptions;
    }

    CheckResult run() throws SQLException {
        int stop = 0; // the full downgrade ends in the state before revisions[stop]
        String stopReason = "";
        for (int i = revisions.size() - 1; i >= 0; i--) {
            Revision revision = revisions.get(i);
            Optional<String> skip = policy.skipReason(i)
                    .or(() -> revision.whyNoDowngrade().map(why -> "no downgrade"));
            if (skip.isPresent()) {
                stop = i + 1;
                stopReason = "stopped above revision " + revision.id() + " (" + skip.get() + ")";
                break;
            }
        }
        if (stop == revisions.size()) {
            return CheckResult.skipped(Check.FULL_DOWNGRADE_TO_BASE, "the head revision is not to be downgraded: " + stopReason);
        }
        for (int i = revisions.size() - 1; i >= stop; i--) {
            Revision revision = revisions.get(i);
            try {
                work.downgradeTowardsBase(revision);
            } catch (MigrationFailedException e) {
                return CheckResult.failed(Check.FULL_DOWNGRADE_TO_BASE,
                        "the downgrade of revision " + revision.label() + " failed on the way down",
                        Findings.error(e.failure()), Findings.deliberateRefusal(e.failure(), revision.id())
                                .orElseGet(() -> Findings.fixFor(e.failure())));
            }
        }
        DiffResult diff = SchemaDiff.compare(snapshots.get(stop), work.snapshot(), diffOptions);
        String target = stop == 0 ? "the base schema" : "the schema before revision " + revisions.get(stop).id();
        if (diff.matches()) {
            // Passed, saying where it stopped when it did.
            return new CheckResult(Check.FULL_DOWNGRADE_TO_BASE, Outcome.PASSED, stopReason, Findings.differences(diff),
                    Optional.empty(), "");
        }
        return CheckResult.failed(Check.FULL_DOWNGRADE_TO_BASE,
                "downgrading from head did not return to " + target + (stopReason.isEmpty() ? "" : "; " + stopReason),
                Findings.differences(diff), "Look at the revisions whose own round trip failed; each downgrade must undo its upgrade");
    }
}
