package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.source.Revision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the walk is split into parts walked at once, each on a database of its own. A part after the
 * first starts on a database brought to the revision before it by plain upgrades, so a later part
 * gets fewer revisions: the parts are chosen so that each database's work, the upgrades to its start
 * and then its walk, is about the same.
 *
 * @param parts the parts in history order; together they cover every revision once
 * @param note why the history is walked on one database although more were allowed, or on servers
 *     of their own; empty otherwise
 * @param serverPerPart whether each part but the last walks on a server of its own (a twin of the
 *     run's), so that roles and other server-wide objects one part makes are not another's
 */
record WalkPlan(List<Part> parts, String note, boolean serverPerPart) {

    /** With {@link VerifierOptions#AUTO_JOBS}: at most this many parts, and one per so many revisions. */
    static final int MAX_AUTO_JOBS = 4;
    /**
     * A part costs a database of its own and the upgrades to its start. Measured on 2 processors, two parts
     * against one (the report's time, medians of 5 alternated runs, BENCHMARKS.md, "Session 22"): 40 to 46
     * revisions 0.81-0.91x, 20 to 32 revisions 0.93-1.00x, 16 revisions 1.12x.
     */
    static final int REVISIONS_PER_AUTO_JOB = 20;
    /**
     * With {@link VerifierOptions#AUTO_JOBS}, a history with a server-wide change is split onto servers
     * of their own only from this many revisions: a twin server costs a start (about 2 s warm, on the
     * same processors) that a short walk does not win back.
     */
    static final int MIN_REVISIONS_FOR_OWN_SERVERS = 100;

    // What a revision costs, relative to a round trip (up, snapshot, down, snapshot, compare, up,
    // snapshot, compare). Measured with VerifierBenchmark: an upgrade alone is about a tenth of it, an
    // upgrade and a snapshot (a revision walked but not round-tripped) about a quarter.
    private static final double ROUND_TRIP = 1.0;
    private static final double UPGRADE_AND_SNAPSHOT = 0.25;
    private static final double UPGRADE = 0.1;

    /** Revisions {@code from} (inclusive) to {@code to} (exclusive), by index. */
    record Part(int from, int to) {
    }

    WalkPlan {
        parts = List.copyOf(parts);
    }

    WalkPlan(List<Part> parts, String note) {
        this(parts, note, false);
    }

    /**
     * The plan for {@code options.jobs()} on a machine with {@code processors}. A history with a
     * server-wide change is walked in parts on servers of their own where twins of the run's server can
     * be started ({@code twinServers}); on a server the user gave, on one database unless more are
     * asked for by number.
     */
    static WalkPlan of(List<Revision> revisions, RevisionPolicy policy, VerifierOptions options,
                       Optional<String> serverWideChange, int processors, boolean twinServers) {
        int jobs = jobs(options.jobs(), revisions.size(), processors);
        boolean auto = options.jobs() == VerifierOptions.AUTO_JOBS;
        if (jobs > 1 && serverWideChange.isPresent()) {
            String change = serverWideChange.get();
            if (twinServers && (!auto || revisions.size() >= MIN_REVISIONS_FOR_OWN_SERVERS)) {
                List<Part> parts = split(costs(revisions, policy, options), UPGRADE, jobs).parts();
                return parts.size() == 1 ? new WalkPlan(parts, "")
                        : new WalkPlan(parts, "each part but the last on a server of its own, since " + change
                                + " changes what all databases of a server share", true);
            }
            if (auto) {
                return new WalkPlan(List.of(new Part(0, revisions.size())), "walking on one database, since " + change
                        + " changes what all databases of the server share");
            }
        }
        return split(costs(revisions, policy, options), UPGRADE, jobs);
    }

    /** What each revision costs to walk, relative to a round trip. */
    private static double[] costs(List<Revision> revisions, RevisionPolicy policy, VerifierOptions options) {
        double[] costs = new double[revisions.size()];
        boolean roundTrips = options.runs(Check.DOWNGRADE_RESTORES_SCHEMA) || options.runs(Check.REUPGRADE_REPRODUCES_SCHEMA);
        for (int i = 0; i < costs.length; i++) {
            boolean roundTripped = roundTrips && policy.skipReason(i).isEmpty() && revisions.get(i).hasDowngrade();
            costs[i] = roundTripped ? ROUND_TRIP : UPGRADE_AND_SNAPSHOT;
        }
        return costs;
    }

    /** How many parts at most: as many as asked for (no more than there are revisions), or chosen. */
    static int jobs(int requested, int revisions, int processors) {
        if (requested != VerifierOptions.AUTO_JOBS) {
            return Math.max(1, Math.min(requested, revisions));
        }
        return Math.max(1, Math.min(Math.min(processors, MAX_AUTO_JOBS), revisions / REVISIONS_PER_AUTO_JOB));
    }

    /**
     * The split into at most {@code jobs} parts whose largest cost is least, where a part's cost is
     * {@code upgrade} for each revision before it plus the costs of its own revisions. A part that
     * would not lower that largest cost is not made.
     */
    static WalkPlan split(double[] costs, double upgrade, int jobs) {
        if (costs.length == 0) {
            return new WalkPlan(List.of(new Part(0, 0)), "");
        }
        double low = 0;
        double high = 0;
        for (double cost : costs) {
            high += cost;
        }
        // The largest part's cost is found by bisection: whether a bound can be kept is a greedy pass.
        for (int i = 0; i < 60 && high - low > 1e-9 * high; i++) {
            double middle = (low + high) / 2;
            if (partsWithin(costs, upgrade, middle, jobs) != null) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return new WalkPlan(partsWithin(costs, upgrade, high, jobs), "");
    }

    /** Parts as long as each can be while its cost stays within {@code bound}; null when more than {@code jobs} are needed. */
    private static List<Part> partsWithin(double[] costs, double upgrade, double bound, int jobs) {
        List<Part> parts = new ArrayList<>();
        int from = 0;
        while (from < costs.length) {
            double cost = upgrade * from;
            int to = from;
            while (to < costs.length && cost + costs[to] <= bound) {
                cost += costs[to];
                to++;
            }
            if (to == from || parts.size() == jobs) {
                return null;
            }
            parts.add(new Part(from, to));
            from = to;
        }
        return parts;
    }
}
