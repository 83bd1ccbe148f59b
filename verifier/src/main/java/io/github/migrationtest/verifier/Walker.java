package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.Revision;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * One database's walk through its part of the history: for each revision, the round trip, then the
 * database put back in the right state when the round trip left it wrong (from a checkpoint the round
 * trip takes before steps it commits, {@link WorkingDatabase#checkpointIfDue}).
 */
final class Walker {

    private final WorkingDatabase work;
    private final List<Revision> revisions;
    private final RevisionPolicy policy;
    private final VerifierOptions options;
    private final RevisionResults results;
    private SchemaSnapshot state;

    /** @param state the schema the database is in now, before the first revision this walker is given */
    Walker(WorkingDatabase work, List<Revision> revisions, RevisionPolicy policy, VerifierOptions options,
           RevisionResults results, SchemaSnapshot state) {
        this.work = work;
        this.revisions = revisions;
        this.policy = policy;
        this.options = options;
        this.results = results;
        this.state = state;
    }

    /**
     * Walks the part's revisions in order.
     *
     * @return whether it walked them all; false when an upgrade failed, here or before the part, or the walk was stopped
     */
    boolean walk(WalkPlan.Part part) throws SQLException {
        boolean rebuilt = false;
        for (int i = part.from(); i < part.to(); i++) {
            if (results.endsBefore(i)) {
                return false;
            }
            results.started(i);
            RoundTrip roundTrip = new RoundTrip(work, revisions.get(i), i, policy.skipReason(i), options);
            if (rebuilt) {
                roundTrip.afterRebuildOf(revisions.get(i - 1));
            }
            RoundTrip.Result result = roundTrip.run(state);
            results.finished(i, result);
            if (result.upgradeFailed()) {
                return false;
            }
            state = result.stateAfter();
            rebuilt = result.stateIsWrong();
            if (rebuilt) {
                Optional<String> why = work.whyNoRebuild();
                if (why.isPresent()) {
                    results.endsAfter(i, why.get());
                    return false;
                }
                work.recover(revisions, i);
            }
        }
        return true;
    }
}
