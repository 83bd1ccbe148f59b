package io.github.migrationtest.verifier.progress;

import io.github.migrationtest.verifier.postgres.RunningStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a log (not a terminal) hears again of a statement that keeps running: after 1, 3, 6, 12 and
 * 30 times the first interval, then every 30 times it (10 s: 10 s, 30 s, 1 min, 2 min, 5 min, every
 * 5 min), so a CI log shows a hang without filling up.
 */
public final class GrowingIntervals {

    private static final int[] STEPS = {1, 3, 6, 12, 30};

    private final Duration first;
    /** Per statement (its process and start), how many times it was reported. */
    private final Map<String, Integer> reported = new HashMap<>();

    public GrowingIntervals(Duration first) {
        this.first = first;
    }

    /** The statements of this look that are due a line, each only once per step; forgets those that ended. */
    public synchronized List<RunningStatement> due(List<RunningStatement> running) {
        Set<String> seen = new HashSet<>();
        List<RunningStatement> due = running.stream().filter(statement -> {
            String key = key(statement.pid(), statement.started());
            seen.add(key);
            int times = reported.getOrDefault(key, 0);
            if (statement.running().compareTo(mark(times)) < 0) {
                return false;
            }
            // A look that came late skips the steps it passed: one line, not a burst.
            while (statement.running().compareTo(mark(times)) >= 0) {
                times++;
            }
            reported.put(key, times);
            return true;
        }).toList();
        reported.keySet().retainAll(seen);
        return due;
    }

    /** How long a statement has run when its line number {@code times + 1} is due. */
    Duration mark(int times) {
        int last = STEPS.length - 1;
        long factor = times <= last ? STEPS[times] : (long) STEPS[last] * (times - last + 1);
        return first.multipliedBy(factor);
    }

    private static String key(int pid, Instant started) {
        return pid + "@" + started;
    }
}
