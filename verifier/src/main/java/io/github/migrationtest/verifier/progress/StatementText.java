package io.github.migrationtest.verifier.progress;

import io.github.migrationtest.verifier.postgres.RunningStatement;
import java.time.Duration;
import java.util.stream.Collectors;

/** How a running statement reads on one line: "running 42 s: SELECT pg_sleep(600)". */
public final class StatementText {

    /** Enough to recognise the statement, short enough for a terminal's line. */
    private static final int LONGEST_STATEMENT = 80;
    /** What pg_stat_activity shows of another role's statement to a user who may not read it. */
    private static final String HIDDEN = "<insufficient privilege>";

    private StatementText() {
    }

    /**
     * "running 42 s: SELECT pg_sleep(600)", or "waiting 12 s for a lock held by pid 4242: INSERT INTO ..."
     * when it is blocked.
     */
    public static String of(RunningStatement statement) {
        String how = statement.waitsForLock()
                ? "waiting " + duration(statement.running()) + " for a lock" + holders(statement)
                : "running " + duration(statement.running());
        return how + ": " + oneLine(statement.query());
    }

    private static String holders(RunningStatement statement) {
        if (statement.blockedBy().isEmpty()) {
            return "";
        }
        return " held by pid" + (statement.blockedBy().size() == 1 ? " " : "s ")
                + statement.blockedBy().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** "42 s", "3 min 05 s", "1 h 02 min". */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }

    /** The statement on one line, whitespace collapsed, cut after {@value #LONGEST_STATEMENT} characters. */
    static String oneLine(String query) {
        if (HIDDEN.equals(query)) {
            return "a statement whose text the server's user may not read (it needs pg_read_all_stats)";
        }
        String line = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        return line.length() <= LONGEST_STATEMENT ? line : line.substring(0, LONGEST_STATEMENT - 3) + "...";
    }
}
