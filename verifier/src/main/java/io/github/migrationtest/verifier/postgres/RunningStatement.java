package io.github.migrationtest.verifier.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A statement the server is running in one of a run's databases, as {@code pg_stat_activity} shows it.
 *
 * @param pid the server process running it
 * @param database the run's database it runs in
 * @param query its text, or {@code <insufficient privilege>} when the server's user may not read it
 * @param started when it started ({@code query_start}): with {@code pid}, which statement it is
 * @param running how long it has run
 * @param waitEventType what it waits for, e.g. {@code Lock}; empty when it is working
 * @param blockedBy the processes holding the lock it waits for
 */
public record RunningStatement(int pid, String database, String query, Instant started, Duration running,
                               String waitEventType, List<Integer> blockedBy) {

    public RunningStatement {
        blockedBy = List.copyOf(blockedBy);
    }

    /** Whether it waits for a lock another session holds. */
    public boolean waitsForLock() {
        return "Lock".equals(waitEventType);
    }
}
