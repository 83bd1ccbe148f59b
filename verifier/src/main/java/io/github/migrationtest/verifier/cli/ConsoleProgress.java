package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Summary;
import io.github.migrationtest.verifier.source.Revision;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * A line per revision as it finishes. On a terminal the revision being run shows first and is
 * overwritten by its result; in a log (not a terminal) only the result lines appear. Once the run
 * is interrupted it falls silent: what fails after that is the interruption's doing, not a migration's.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter out;
    private final boolean terminal;
    private final BooleanSupplier interrupted;
    /** The revision announced and not yet finished, and the last one finished: "0013 (table 13), 13 of 40". */
    private volatile String current;
    private volatile String lastFinished;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this(out, terminal, () -> false);
    }

    ConsoleProgress(PrintWriter out, boolean terminal, BooleanSupplier interrupted) {
        this.out = out;
        this.terminal = terminal;
        this.interrupted = interrupted;
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
    public void walkPlanned(int parts, String note) {
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
    public void revisionStarted(Revision revision, int index, int count) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        current = revision.label() + ", " + (index + 1) + " of " + count;
        if (terminal) {
            out.print(String.format("\r[%d/%d] %s ...", index + 1, count, revision.label()));
            out.flush();
        }
    }

    @Override
    public void revisionFinished(RevisionReport report, int index, int count) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        lastFinished = current;
        current = null;
        int width = String.valueOf(count).length();
        out.println((terminal ? "\r\033[K" : "") + String.format("[%" + width + "d/%d] ", index + 1, count) + Summary.line(report));
        out.flush();
    }

    @Override
    public void historyCheckFinished(CheckResult result) {
        if (interrupted.getAsBoolean()) {
            return;
        }
        out.println(result.check().name() + ": " + result.outcome() + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")"));
        out.flush();
    }
}
