package io.github.migrationtest.verifier.progress;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.RunningStatement;
import io.github.migrationtest.verifier.postgres.ServerActivity;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks about once a second at the statements a run's databases are running, on a daemon thread
 * and a connection of its own, and hands on those that have run longer than a threshold (an empty
 * list once they are done). Closing it stops the thread and closes the connection.
 */
public final class StatementWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatementWatch.class);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(100);
    /**
     * A look is bounded by the watcher's statement_timeout (5 s); closing waits for it, no longer, and
     * then closes the connection under a look stuck on the network, which ends it.
     */
    private static final long JOIN_MILLIS = 6_000;

    private final ServerActivity activity;
    private final Duration threshold;
    private final Consumer<List<RunningStatement>> listener;
    private final Thread thread;
    private volatile boolean closed;

    private StatementWatch(ServerActivity activity, Duration threshold, Consumer<List<RunningStatement>> listener) {
        this.activity = activity;
        this.threshold = threshold;
        this.listener = listener;
        this.thread = new Thread(this::watch, "migrationtest-statement-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching the databases {@code server} hands out.
     *
     * @param threshold how long a statement runs before {@code listener} hears of it
     * @param listener called from the watch's thread after each look that finds one, and once with an empty list after
     */
    public static StatementWatch start(PostgresServer server, Duration threshold,
                                       Consumer<List<RunningStatement>> listener) {
        StatementWatch watch = new StatementWatch(ServerActivity.of(server), threshold, listener);
        watch.thread.start();
        return watch;
    }

    /** Looks often enough that a statement is shown soon after the threshold, and at most once a second. */
    static Duration pause(Duration threshold) {
        Duration half = threshold.dividedBy(2);
        return half.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : half.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : half;
    }

    private void watch() {
        long pause = pause(threshold).toMillis();
        boolean shown = false;
        try {
            while (!closed) {
                Thread.sleep(pause);
                List<RunningStatement> running = activity.runningLongerThan(threshold);
                if (closed) {
                    return;
                }
                if (!running.isEmpty() || shown) {
                    listener.accept(running);
                }
                shown = !running.isEmpty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            // The live line is a courtesy: a server that went away or a look that failed ends it, never the run.
            if (!closed) {
                LOG.debug("Stopped watching the running statements: {}", e.getMessage());
            }
        } finally {
            activity.close();
        }
    }

    /** Whether the thread has ended and the connection is closed. */
    public boolean isStopped() throws SQLException {
        return !thread.isAlive() && !activity.isConnected();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        activity.close();
    }
}
