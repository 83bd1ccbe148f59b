package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.MigrationFailedException;
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
                if (why.isEmpty()) {
                    why = rebuildFailure(i);
                }
                if (why.isPresent()) {
                    results.endsAfter(i, why.get());
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Rebuilds the state after the revision at {@code index}; why it could not, when a replayed upgrade failed (one that
     * ran in the walk does not run the same on the clone: it reads something the walk changed on the server since). The
     * walk then stops after that revision, as after a failed upgrade, instead of ending the verification.
     */
    private Optional<String> rebuildFailure(int index) throws SQLException {
        try {
            work.recover(revisions, index);
            return Optional.empty();
        } catch (MigrationFailedException e) {
            return Optional.of("the walk stopped: the state after revision " + revisions.get(index).label()
                    + " could not be rebuilt after its round trip left it wrong: replaying the upgrade of revision "
                    + e.revision().label() + " on a copy of the state after an earlier revision failed at "
                    + e.failure().location() + ": " + e.failure().message());
        }
    }
}
