package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.Revision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the parts of a walk find, gathered from the databases that walk them at once, and passed on
 * in the history's order: the listener hears of a revision only once every earlier one is known, so
 * the live lines read as a sequential walk's. Once an upgrade failed, every later revision is
 * reported not reached, whatever a database further on found for it.
 */
final class RevisionResults {

    private final List<Revision> revisions;
    private final VerifierOptions options;
    private final ProgressListener listener;
    private final RevisionReport[] found;
    private final boolean[] started;
    /** Index 0: the base; index i + 1: the state after revisions[i]. */
    private final SchemaSnapshot[] states;
    private final List<RevisionReport> passedOn = new ArrayList<>();
    private int firstFailedUpgrade = Integer.MAX_VALUE;
    /**
     * Why the walk ended after {@link #firstFailedUpgrade} when that revision's upgrade did not fail ({@link #endsAfter});
     * null when it failed.
     */
    private String endedBecause;
    private boolean nextAnnounced;
    private boolean stopped;

    RevisionResults(List<Revision> revisions, VerifierOptions options, ProgressListener listener) {
        this.revisions = revisions;
        this.options = options;
        this.listener = listener;
        this.found = new RevisionReport[revisions.size()];
        this.started = new boolean[revisions.size()];
        this.states = new SchemaSnapshot[revisions.size() + 1];
    }

    synchronized void base(SchemaSnapshot base) {
        states[0] = base;
    }

    synchronized void started(int index) {
        started[index] = true;
        passOn();
    }

    synchronized void finished(int index, RoundTrip.Result result) {
        found[index] = result.report();
        if (result.upgradeFailed()) {
            if (index < firstFailedUpgrade) {
                firstFailedUpgrade = index;
                endedBecause = null; // another part's walk may have ended later for another reason
            }
        } else {
            states[index + 1] = result.stateAfter();
        }
        passOn();
    }

    /**
     * Ends the walk after the revision at {@code index} (finished), as a failed upgrade would: the state after it cannot
     * be rebuilt, for the reason {@code why}, which the revisions after it are not reached for.
     */
    synchronized void endsAfter(int index, String why) {
        if (index < firstFailedUpgrade) {
            firstFailedUpgrade = index; // the revisions after it are not reached, as after a failed upgrade
            endedBecause = why;
        }
        passOn();
    }

    /** Whether a walk should not start the revision at {@code index}: an upgrade before it failed, or the walk was stopped. */
    synchronized boolean endsBefore(int index) {
        return stopped || firstFailedUpgrade < index;
    }

    /** Ends the walk: a database failed, and the verification will throw. */
    synchronized void stop() {
        stopped = true;
    }

    /** Every revision's report, once every part is walked. */
    synchronized List<RevisionReport> reports() {
        if (passedOn.size() < revisions.size()) {
            throw new IllegalStateException("revision " + revisions.get(passedOn.size()).id() + " was never walked");
        }
        return List.copyOf(passedOn);
    }

    /** Why head was not reached, once {@link #anUpgradeFailed()}. */
    synchronized String whyHeadNotReached() {
        return endedBecause == null ? "an upgrade failed, so head was never reached"
                : "head was never reached: " + endedBecause;
    }

    synchronized boolean anUpgradeFailed() {
        return firstFailedUpgrade != Integer.MAX_VALUE;
    }

    /** The schema at each state, base first; only when no upgrade failed. */
    synchronized List<SchemaSnapshot> states() {
        if (anUpgradeFailed() || Arrays.asList(states).contains(null)) {
            throw new IllegalStateException("the walk did not reach head");
        }
        return List.of(states);
    }

    synchronized Optional<SchemaSnapshot> head() {
        return anUpgradeFailed() ? Optional.empty() : Optional.ofNullable(states[revisions.size()]);
    }

    private void passOn() {
        while (passedOn.size() < revisions.size()) {
            int next = passedOn.size();
            // Every revision before next is passed on, so a failed upgrade before it is final.
            RevisionReport report = firstFailedUpgrade < next ? RoundTrip.notReached(revisions.get(next), options,
                    endedBecause == null ? RoundTrip.EARLIER_UPGRADE_FAILED : endedBecause)
                    : found[next];
            if (report == null) {
                if (started[next] && !nextAnnounced) {
                    listener.revisionStarted(revisions.get(next), next, revisions.size());
                    nextAnnounced = true;
                }
                return;
            }
            if (!nextAnnounced) {
                listener.revisionStarted(revisions.get(next), next, revisions.size());
            }
            nextAnnounced = false;
            passedOn.add(report);
            listener.revisionFinished(report, next, revisions.size());
        }
    }
}
