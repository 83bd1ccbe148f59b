package io.github.migrationtest.verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which revisions each database of a walk in parts walks, as that changes while they run. The plan's split
 * ({@link WalkPlan}) assumes every revision costs the same, yet a real history's do not: a revision that builds five
 * hundred indexes in one transaction costs a hundred ordinary ones, and later revisions read larger schemas. So a
 * database that has walked its range takes over the second half of what the range after it has left: it upgrades its
 * way to the first revision it takes (plain upgrades, as a later part's database reaches its start), and the database
 * that had the range stops before it. Only forward: a database cannot go back to an earlier state.
 *
 * <p>A taken-over range is the thief's only once its database reached the range's start. Until then the victim walks on;
 * should it arrive there first, it waits, and when the upgrades on the way failed (a migration that does not run the same
 * way twice), it walks the range itself after all, as the database before a part whose database could not reach its
 * start does.
 */
final class PartSchedule {

    /**
     * A range worth taking over has at least this many revisions left for the thief, after balancing: fewer would cost
     * the thief's upgrades to its start and a whole snapshot for little.
     */
    static final int MIN_TAKEN = 3;

    /** What an upgrade on the way to a taken range costs, relative to a revision walked ({@link WalkPlan}). */
    private static final double UPGRADE = 0.1;

    /** Revisions {@code from} (inclusive) to {@code to} (exclusive) that one database walks; {@code to} can shrink. */
    static final class Range {
        private final int from;
        private int to;
        /** The revision its walker claimed last; {@code from - 1} before its first. */
        private int current;
        /** While a thief catches up to this range's former tail: whether it got there; {@code null} otherwise. */
        private CompletableFuture<Boolean> thiefArrived;
        /** The end this range had before its tail was taken, to return to when the thief does not arrive. */
        private int formerTo;
        /** The range this one's revisions were taken from; {@code null} for a part of the plan. */
        private final Range takenFrom;
        /** The plan's part it is, -1 for a range taken over. */
        private final int part;

        private Range(int from, int to, Range takenFrom, int part) {
            this.from = from;
            this.to = to;
            this.current = from - 1;
            this.takenFrom = takenFrom;
            this.part = part;
        }

        int from() {
            return from;
        }

        /** The plan's part this range is (its database may have failed to reach its start), -1 for one taken over. */
        int part() {
            return part;
        }

        /** The end now; a walker learns of a shrink through {@link #claim}. */
        synchronized int to() {
            return to;
        }
    }

    private final List<Range> ranges = new ArrayList<>();
    private final int revisions;
    private int takeOvers;

    PartSchedule(List<WalkPlan.Part> parts, int revisions) {
        this.revisions = revisions;
        for (int k = 0; k < parts.size(); k++) {
            ranges.add(new Range(parts.get(k).from(), parts.get(k).to(), null, k));
        }
    }

    /** The plan's part {@code k}, as a range. */
    synchronized Range part(int k) {
        return ranges.stream().filter(r -> r.part == k).findFirst().orElseThrow();
    }

    /** Whether {@code range} ends at the last revision. */
    boolean endsAtHead(Range range) {
        return range.to() == revisions;
    }

    /**
     * Whether the walker of {@code range} walks the revision at {@code index} (the next after the one it claimed last):
     * false once it reached the range's end. Where a thief took the range's tail and has not arrived yet, this waits for
     * it; when it does not arrive, the tail is the range's again.
     */
    boolean claim(Range range, int index) {
        CompletableFuture<Boolean> thief;
        synchronized (range) {
            if (index < range.to) {
                range.current = index;
                return true;
            }
            thief = range.thiefArrived;
        }
        if (thief == null || thief.join()) {
            return false;
        }
        synchronized (this) {
            synchronized (range) {
                ranges.removeIf(r -> r.takenFrom == range && r.from == range.to);
                range.to = range.formerTo;
                range.thiefArrived = null;
                range.current = index;
                return index < range.to;
            }
        }
    }

    /**
     * The range that starts where {@code finished} ended, whose walker a database done with {@code finished} would take
     * over from; empty at head.
     */
    synchronized Optional<Range> after(Range finished) {
        int end = finished.to();
        return ranges.stream().filter(r -> r.from == end).findFirst();
    }

    /**
     * Takes over the second half of what {@code victim} has left, for a database at the state before the victim's
     * start: balanced so that the thief's upgrades to its new range and its walk of it take about as long as the
     * victim's walk of what it keeps. Empty when too little is left. The thief calls {@link #arrived} once its
     * database reached the new range's start, or failed to.
     */
    synchronized Optional<Range> takeOver(Range victim) {
        synchronized (victim) {
            if (victim.thiefArrived != null || victim.current < victim.from) {
                return Optional.empty(); // a thief on its way, or a walker not started yet
            }
            int next = victim.current + 1;
            // The victim walks next..m-1 (one each); the thief upgrades from..m-1 (UPGRADE each) and walks m..to-1.
            int middle = (int) Math.ceil((victim.to + next - UPGRADE * victim.from) / (2 - UPGRADE));
            int split = Math.max(middle, next + 1);
            if (victim.to - split < MIN_TAKEN) {
                return Optional.empty();
            }
            Range taken = new Range(split, victim.to, victim, -1);
            victim.formerTo = victim.to;
            victim.to = split;
            victim.thiefArrived = new CompletableFuture<>();
            ranges.add(ranges.indexOf(victim) + 1, taken);
            takeOvers++;
            return Optional.of(taken);
        }
    }

    /**
     * The thief of {@code taken} reached its start ({@code arrived}), or did not: then the victim walks it after all.
     * Called once for each range {@link #takeOver} gave.
     */
    void arrived(Range taken, boolean arrived) {
        CompletableFuture<Boolean> thief;
        synchronized (taken.takenFrom) {
            thief = taken.takenFrom.thiefArrived;
            if (arrived) {
                taken.takenFrom.thiefArrived = null;
            }
        }
        thief.complete(arrived);
    }

    /** How many ranges were taken over (for tests). */
    synchronized int takeOvers() {
        return takeOvers;
    }
}
