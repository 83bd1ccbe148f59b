package io.github.migrationtest.verifier.progress;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.RunningStatement;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lines for a log (not a terminal) about statements that keep running, at growing intervals
 * ({@link GrowingIntervals}): what a CI log, the Maven plugin's log or a test run's standard error
 * shows of a hang.
 */
public final class SlowStatementLog implements Consumer<List<RunningStatement>> {

    /** How long a statement runs before a log hears of it, unless the user says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final GrowingIntervals intervals;
    private final Function<RunningStatement, String> describe;
    private final Consumer<String> lines;

    /**
     * @param first how long a statement runs before its first line
     * @param describe a statement's line
     * @param lines where the lines go
     */
    public SlowStatementLog(Duration first, Function<RunningStatement, String> describe, Consumer<String> lines) {
        this.intervals = new GrowingIntervals(first);
        this.describe = describe;
        this.lines = lines;
    }

    /** Watches {@code server}'s databases and gives {@code lines} a line per slow statement, as {@link StatementText} has it. */
    public static StatementWatch watch(PostgresServer server, Duration first, Consumer<String> lines) {
        return StatementWatch.start(server, first, new SlowStatementLog(first, StatementText::of, lines));
    }

    @Override
    public void accept(List<RunningStatement> running) {
        for (RunningStatement statement : intervals.due(running)) {
            lines.accept(describe.apply(statement));
        }
    }
}
