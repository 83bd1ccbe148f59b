package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.report.ReportedDifference;
import java.util.List;

/** A live database's status as people read it: the command line prints it, the Markdown report shows it. */
public final class StatusText {

    /** Says plainly that the SQL shown is a proposal: migrationtest only ever reads a live database. */
    public static final String NOT_RUN = "not run by migrationtest";
    private static final String INDENT = "  ";

    private StatusText() {
    }

    public static String render(LiveStatus status) {
        return render(status, true);
    }

    /** @param withSql whether to show the SQL that would fix the differences (Markdown shows it in blocks of its own) */
    static String render(LiveStatus status, boolean withSql) {
        StringBuilder text = new StringBuilder();
        line(text, "Live database: " + status.live() + " (read in a read-only transaction)");
        line(text, "History: " + status.history());
        line(text, "Applied versions: " + status.bookkeeping().orElse(
                "no table of applied versions (none of the tools' tables this history's kind uses)"));
        status.failed().forEach(failed -> line(text, INDENT + "failed: " + failed));
        status.notes().forEach(note -> line(text, INDENT + "note: " + note));
        line(text, (status.bookkept() ? "Revision: " : "Nearest revision by schema: ") + status.revision()
                + (status.atHead() ? " (head)" : ""));
        list(text, "Pending (in the history, never applied)", status.pending());
        list(text, "Skipped (pending, though later revisions were applied)", status.skipped());
        list(text, "Applied, not in the history", status.unknown());
        comparison(text, status.drift(), withSql);
        status.model().ifPresent(model -> comparison(text, model, withSql));
        line(text, "Status: " + status.verdict());
        return text.toString();
    }

    private static void comparison(StringBuilder text, Comparison comparison, boolean withSql) {
        List<ReportedDifference> failing = comparison.differences().stream().filter(d -> !d.reportOnly()).toList();
        List<ReportedDifference> reportOnly = comparison.differences().stream().filter(ReportedDifference::reportOnly)
                .toList();
        if (failing.isEmpty()) {
            line(text, "Schema: matches " + comparison.expected());
        } else {
            line(text, "Schema: " + failing.size() + " difference" + (failing.size() == 1 ? "" : "s") + " from "
                    + comparison.expected() + " (expected -> live)");
            failing.forEach(difference -> line(text, INDENT + difference.description()));
        }
        if (!reportOnly.isEmpty()) {
            line(text, "Also changed, not counted:");
            reportOnly.forEach(difference -> line(text, INDENT + difference.description()));
        }
        if (!failing.isEmpty() && withSql) {
            fix(text, comparison);
        }
    }

    private static void fix(StringBuilder text, Comparison comparison) {
        ProposedMigration fix = comparison.fix();
        if (!fix.generated()) {
            line(text, "The SQL that would bring the live database in line could not be generated: "
                    + fix.generationError());
            return;
        }
        if (!fix.upgrade().isBlank()) {
            line(text, fixTitle(comparison) + ":");
            fix.upgrade().strip().lines().forEach(sql -> line(text, INDENT + sql));
        }
        if (!fix.manual().isEmpty()) {
            line(text, "Not generated, to write by hand:");
            fix.manual().forEach(entry -> line(text, INDENT + entry));
        }
    }

    /** The title over the SQL that would bring the live database in line with what it was compared with. */
    static String fixTitle(Comparison comparison) {
        return "SQL that would bring the live database in line with " + comparison.expected() + " (" + NOT_RUN + ")";
    }

    private static void list(StringBuilder text, String title, List<String> items) {
        if (!items.isEmpty()) {
            line(text, title + ": " + items.size());
            items.forEach(item -> line(text, INDENT + item));
        }
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }
}
