package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Summary;
import io.github.migrationtest.verifier.source.Revision;
import java.io.PrintWriter;

/**
 * A line per revision as it finishes. On a terminal the revision being run shows first and is
 * overwritten by its result; in a log (not a terminal) only the result lines appear.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter out;
    private final boolean terminal;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void walkPlanned(int parts, String note) {
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
        if (terminal) {
            out.print(String.format("\r[%d/%d] %s ...", index + 1, count, revision.label()));
            out.flush();
        }
    }

    @Override
    public void revisionFinished(RevisionReport report, int index, int count) {
        int width = String.valueOf(count).length();
        out.println((terminal ? "\r\033[K" : "") + String.format("[%" + width + "d/%d] ", index + 1, count) + Summary.line(report));
        out.flush();
    }

    @Override
    public void historyCheckFinished(CheckResult result) {
        out.println(result.check().name() + ": " + result.outcome() + (result.reason().isEmpty() ? "" : " (" + result.reason() + ")"));
        out.flush();
    }
}
