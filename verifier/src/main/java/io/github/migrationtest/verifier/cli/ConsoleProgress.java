package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.RunningStatement;
import io.github.migrationtest.verifier.progress.GrowingIntervals;
import io.github.migrationtest.verifier.progress.SlowStatementLog;
import io.github.migrationtest.verifier.progress.StatementFiles;
import io.github.migrationtest.verifier.progress.StatementText;
import io.github.migrationtest.verifier.progress.StatementWatch;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Summary;
import io.github.migrationtest.verifier.source.Revision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A line per revision as it finishes. On a terminal the revision being run shows first and is
 * overwritten by its result; in a log (not a terminal) only the result lines appear. Once the run
 * is interrupted it falls silent: what fails after that is the interruption's doing, not a migration's.
 * A statement that runs for a while shows on the live line with how long it has run; in a log it
 * gets a line at growing intervals ({@link GrowingIntervals}).
 */
final class ConsoleProgress implements ProgressListener {

    /** How long a statement runs before a log hears of it, unless {@code --progress-interval} says otherwise. */
    static final Duration DEFAULT_INTERVAL = SlowStatementLog.DEFAULT_INTERVAL;
    /** A terminal's line is cheap to update: it shows a statement after a few seconds. */
    private static final Duration TERMINAL_THRESHOLD = Duration.ofSeconds(3);

    private final PrintWriter out;
    private final boolean terminal;
    private final BooleanSupplier interrupted;
    private final Duration interval;
    private final SlowStatementLog logged;
    /** On a terminal, the line being shown for the revision being run: "[13/40] 0013 (table 13) ...". */
    private String liveLine;
    /** The revision announced and not yet finished, whose files may hold a running statement. */
    private Revision running;
    private final StatementFiles files = new StatementFiles();
    private int parts = 1;
    /** The revision announced and not yet finished, and the last one finished: "0013 (table 13), 13 of 40". */
    private volatile String current;
    private volatile String lastFinished;
    /** What each watch saw last, by watch: the run's server has one, and each server a part of the walk started. */
    private final Map<Object, List<RunningStatement>> runningByWatch = new LinkedHashMap<>();
    private final Map<PostgresServer, StatementWatch> partServerWatches = new ConcurrentHashMap<>();

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, () -> false);
    }

    ConsoleProgress(PrintWriter out, boolean terminal, BooleanSupplier interrupted) {
        this(out, terminal, interrupted, DEFAULT_INTERVAL);
    }

    /** @param interval how long a statement runs before a log hears of it, and the first of the growing intervals */
    ConsoleProgress(PrintWriter out, boolean terminal, BooleanSupplier interrupted, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--progress-interval must be longer than 0, was " + interval);
        }
        this.out = out;
        this.terminal = terminal;
        this.interrupted = interrupted;
        this.interval = interval;
        this.logged = new SlowStatementLog(interval, this::logLine, out::println);
    }

    /** Starts showing the statements that run long in the databases of {@code server}; close it when the walk is done. */
    StatementWatch watch(PostgresServer server) {
        return watch(server, server);
    }

    private StatementWatch watch(PostgresServer server, Object key) {
        Duration threshold = terminal && TERMINAL_THRESHOLD.compareTo(interval) < 0 ? TERMINAL_THRESHOLD : interval;
        return StatementWatch.start(server, threshold, running -> statementsRunning(key, running));
    }

    /** A part of the walk runs on a server of its own: its long statements show as the run's server's do. */
    @Override
    public void serverStarted(PostgresServer server) {
        partServerWatches.put(server, watch(server, server));
    }

    /** Its watch stops, and what it saw last is forgotten (a closed watch sends no last empty list). */
    @Override
    public void serverStopping(PostgresServer server) {
        StatementWatch watch = partServerWatches.remove(server);
        if (watch != null) {
            watch.close();
            statementsRunning(server, List.of());
        }
    }

    /**
     * Where the walk is, for a message about an interruption: "during revision 0013 (table 13), 13 of 40",
     * or "after revision 0012 ..." in the moment between one revision's line and the next one's start.
     */
    String where() {
        String running = current;
        if (running != null) {
            return "during revision " + running;
        }
        String done = lastFinished;
        return done == null ? "before the first revision was verified" : "after revision " + done;
    }

    @Override
    public synchronized void walkPlanned(int parts, String note) {
        this.parts = parts;
        if (interrupted.getAsBoolean()) {
            return;
        }
        if (parts > 1) {
            out.println("Walking the history in " + parts + " parts at once, each on a database of its own");
        }
        if (!note.isEmpty()) {
            out.println(Character.toUpperCase(note.charAt(0)) + note.substring(1));
        }
        out.flush();
    }

    @Override
    public synchronized void revisionStarted(Revision revision, int index, int count) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        current = revision.label() + ", " + (index + 1) + " of " + count;
        running = revision;
        if (terminal) {
            liveLine = String.format("[%d/%d] %s ...", index + 1, count, revision.label());
            out.print("\r" + liveLine);
            out.flush();
        }
    }

    @Override
    public synchronized void revisionFinished(RevisionReport report, int index, int count) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        lastFinished = current;
        current = null;
        liveLine = null;
        running = null;
        int width = String.valueOf(count).length();
        out.println((terminal ? "\r\033[K" : "") + String.format("[%" + width + "d/%d] ", index + 1, count) + Summary.line(report));
        out.flush();
    }

    @Override
    public synchronized void historyCheckFinished(CheckResult result) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        out.println(result.check().name() + ": " + result.outcome() + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")"));
        out.flush();
    }

    /**
     * From the watch: the statements running longer than the threshold, the longest first (none once
     * they ended). A terminal shows the longest on the live line; a log gets a line per statement at
     * growing intervals.
     */
    synchronized void statementsRunning(List<RunningStatement> statements) {
        statementsRunning(this, statements);
    }

    /** From one of several watches: what it sees now joins what the others saw last, the longest first. */
    private synchronized void statementsRunning(Object watch, List<RunningStatement> seen) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        runningByWatch.put(watch, seen);
        List<RunningStatement> statements = new ArrayList<>();
        runningByWatch.values().forEach(statements::addAll);
        statements.sort(Comparator.comparing(RunningStatement::running).reversed());
        if (terminal) {
            String line = liveLine == null ? "" : liveLine;
            if (!statements.isEmpty()) {
                line += (line.isEmpty() ? "" : " ") + describe(statements.get(0))
                        + (statements.size() > 1 ? " (and " + (statements.size() - 1) + " more)" : "");
            }
            out.print("\r\033[K" + line);
            out.flush();
            return;
        }
        logged.accept(statements);
        out.flush();
    }

    /** In a walk on one database, the revision the statement is part of comes first. */
    private String logLine(RunningStatement statement) {
        return (parts == 1 && current != null ? "Revision " + current + ": " : "") + describe(statement);
    }

    /**
     * The statement, and the file it is from when one of the revision's files holds it; in a walk in
     * parts the revision on the line may not be the statement's, so it says so instead.
     */
    private String describe(RunningStatement statement) {
        String text = StatementText.of(statement);
        if (parts > 1) {
            return text + " (on one of the " + parts + " databases walking the history)";
        }
        return running == null ? text
                : text + files.fileOf(statement.query(), running.files()).map(file -> " (" + file + ")").orElse("");
    }
}
