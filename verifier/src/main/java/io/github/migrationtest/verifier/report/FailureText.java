package io.github.migrationtest.verifier.report;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A failed check as people read it, in titled sections: which revision and claim, what differed
 * or which statement failed, and the fix. The command line, the reports and the JUnit extension
 * all show failures in this one form.
 * <pre>
 * Revision 3 (add email index): the downgrade did not restore the schema
 *   public.users_email_idx: unexpected index: CREATE INDEX users_email_idx ON ...
 * Fix: Make 0003_add_email_index.down.sql undo every change of the upgrade (it lacks: DROP INDEX public.users_email_idx;),
 *      or declare revision 3 irreversible
 * </pre>
 * A {@link Check#HEAD_MATCHES_MODEL} failure also shows the SQL that would close the gap, before the fix; a
 * {@link Check#DOWNGRADE_RESTORES_SCHEMA} failure whose missing statements are too long for the fix, those.
 */
public final class FailureText {

    private static final String INDENT = "  ";
    private static final String HISTORY = "History";
    static final String UPGRADE = "Upgrade that closes the gap";
    static final String DOWNGRADE = "Its downgrade";
    static final String DOWNGRADE_LACKS = "What the downgrade lacks";
    /** How many lines of what a downgrade lacks the text shows. */
    static final int COMPLETION_LINES = 40;
    static final String MANUAL = "Not generated, to write by hand:";
    static final String NOT_GENERATED = "The SQL that closes the gap could not be generated: ";

    private FailureText() {
    }

    /** For a per-revision check. */
    public static String render(RevisionReport revision, CheckResult result) {
        return render(subject(revision), result);
    }

    /** For a history-wide check. */
    public static String render(CheckResult result) {
        return render(HISTORY, result);
    }

    /** Hands each failed check of {@code report} to {@code action} with its subject, history-wide ones first. */
    public static void forEachFailure(VerificationReport report, BiConsumer<String, CheckResult> action) {
        report.historyChecks().stream().filter(CheckResult::isFailed).forEach(result -> action.accept(HISTORY, result));
        for (RevisionReport revision : report.revisions()) {
            revision.checks().values().stream().filter(CheckResult::isFailed)
                    .forEach(result -> action.accept(subject(revision), result));
        }
    }

    private static String subject(RevisionReport revision) {
        return "Revision " + revision.label();
    }

    /** @param subject what the check is about: {@code Revision 0003 (add nickname)} or {@code History} */
    public static String render(String subject, CheckResult result) {
        return render(subject, result, true);
    }

    /** @param withMigration whether to show the proposed SQL (Markdown shows it in SQL blocks of its own) */
    static String render(String subject, CheckResult result, boolean withMigration) {
        StringBuilder text = new StringBuilder(subject).append(": ")
                .append(result.reason().isEmpty() ? "it is not true that " + result.check().claim() : result.reason());
        result.error().ifPresent(error -> line(text, INDENT + error.location() + ": " + error.message()));
        List<ReportedDifference> failing = result.differences().stream().filter(d -> !d.reportOnly()).toList();
        List<ReportedDifference> reportOnly = result.differences().stream().filter(ReportedDifference::reportOnly).toList();
        failing.forEach(difference -> line(text, INDENT + difference.description()));
        if (!reportOnly.isEmpty()) {
            line(text, "Also changed, not failing:");
            reportOnly.forEach(difference -> line(text, INDENT + difference.description()));
        }
        if (withMigration) {
            result.migration().ifPresent(migration -> appendMigration(text, migration));
        }
        if (!result.fix().isEmpty()) {
            line(text, "Fix: " + result.fix());
        }
        return text.toString();
    }

    private static void appendMigration(StringBuilder text, ProposedMigration migration) {
        if (!migration.generated()) {
            line(text, NOT_GENERATED + migration.generationError());
            return;
        }
        String shown = section(text, UPGRADE, migration.upgrade(), Integer.MAX_VALUE)
                // What a downgrade lacks comes with each failed round trip, dozens in a run on some histories: the first
                // lines show what is missing, the reports (Markdown, JSON) keep it whole.
                + section(text, downgradeTitle(migration), migration.downgrade(),
                        migration.completesDowngrade() ? COMPLETION_LINES : Integer.MAX_VALUE);
        // A generated script lists them in its header's comments: shown there, they are not repeated below.
        List<String> notShown = migration.manual().stream().filter(entry -> !shown.contains(entry)).toList();
        if (!notShown.isEmpty()) {
            line(text, MANUAL);
            notShown.forEach(entry -> line(text, INDENT + entry));
        }
    }

    static String downgradeTitle(ProposedMigration migration) {
        return migration.completesDowngrade() ? DOWNGRADE_LACKS : DOWNGRADE;
    }

    /** Shows the SQL under its title, at most {@code maxLines} of it, and returns the lines shown. */
    private static String section(StringBuilder text, String title, String sql, int maxLines) {
        if (sql.isBlank()) {
            return "";
        }
        line(text, title + ":");
        List<String> lines = sql.strip().lines().toList();
        List<String> shown = lines.subList(0, Math.min(lines.size(), maxLines));
        shown.forEach(sqlLine -> line(text, INDENT + sqlLine));
        if (lines.size() > maxLines) {
            line(text, INDENT + "-- and " + (lines.size() - maxLines) + " lines more, in the Markdown and JSON"
                    + " reports (--markdown, --json)");
        }
        return String.join("\n", shown);
    }

    private static void line(StringBuilder text, String line) {
        text.append('\n').append(line);
    }
}
