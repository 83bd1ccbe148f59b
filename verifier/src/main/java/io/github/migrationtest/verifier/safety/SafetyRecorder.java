package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens to the statements of every step the verifier observes, on whichever working database it
 * runs: steps are told apart by their connection, so parts of a history walked at once do not mix.
 */
public final class SafetyRecorder implements StatementListener {
    private final Map<Connection, StepObserver> steps = new ConcurrentHashMap<>();
    /** What the start of a step ended with {@code keepStart} read, by connection, until the next step begins there. */
    private final Map<Connection, StepStart> keptStarts = new ConcurrentHashMap<>();
    private final int heldDropsFrom;

    public SafetyRecorder() {
        this(HeldDrops.FROM_STATEMENT);
    }

    /** @param heldDropsFrom from how many statements into a step a drop is told before it runs ({@link HeldDrops}) */
    SafetyRecorder(int heldDropsFrom) {
        this.heldDropsFrom = heldDropsFrom;
    }

    /**
     * Starts observing a step about to run on {@code connection}; its first statement lists the relations
     * that exist then. A failure to read leaves the step unmeasured; it never fails the step.
     *
     * @param scansFlushed whether the session's statistics were flushed since anything but the catalogs was read
     *     on it (Postgres 15's {@code pg_stat_force_next_flush()}, then idle outside a transaction): no scan of a
     *     user's table is pending, and the step's start need not read every table's count
     * @param asWhenKept whether the database and the session are exactly as they were when the last step ended with
     *     {@code keepStart} on this connection began (a rolled-back transaction undid everything since, and nothing
     *     else ran): the step then uses what that step's start read instead of a read of its own
     */
    public void begin(Direction direction, Connection connection, boolean scansFlushed, boolean asWhenKept) {
        StepStart kept = keptStarts.remove(connection);
        steps.put(connection, new StepObserver(direction, connection, scansFlushed, heldDropsFrom,
                asWhenKept && scansFlushed ? kept : null));
    }

    /**
     * Ends observing the step on {@code connection}; what it found.
     *
     * @param keepStart whether to keep what the step's start read, for a step that will start in the same state
     *     ({@link #begin})
     */
    public StepRecord end(Direction direction, Connection connection, boolean keepStart) {
        StepObserver step = steps.remove(connection);
        if (step == null) {
            return StepRecord.none(direction);
        }
        StepStart start = step.startRead();
        if (keepStart && start != null) {
            keptStarts.put(connection, start);
        }
        return step.end();
    }

    /**
     * Drops what was kept for {@code connection}, which is being closed: a start is reused only on the connection it was
     * read on, and a walk that replaces its connection after every checkpoint or rebuild would otherwise keep one start
     * (and the closed connection) per replacement until it ends.
     */
    public void forget(Connection connection) {
        keptStarts.remove(connection);
    }

    /** How many starts are kept, one at most per open connection (for tests). */
    public int startsKept() {
        return keptStarts.size();
    }

    @Override
    public void scriptStarting(Connection connection, String file, String text) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.scriptStarting(file, text);
        }
    }

    @Override
    public void beforeStatement(Connection connection, ExecutedStatement statement) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.before(statement);
        }
    }

    @Override
    public void afterStatement(Connection connection, ExecutedStatement statement) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.after(statement);
        }
    }
}
