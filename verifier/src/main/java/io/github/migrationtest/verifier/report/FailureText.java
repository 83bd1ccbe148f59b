package io.github.migrationtest.verifier.report;

/**
 * A failed check as people read it, in titled sections: which revision and claim, what differed
 * or which statement failed, and the fix.
 * <pre>
 * Revision 3 (add email index): the downgrade did not restore the schema
 *   public.users_email_idx: unexpected index: CREATE INDEX users_email_idx ON ...
 * Fix: Make 0003_add_email_index.down.sql undo every change of the upgrade, or declare revision 3 irreversible
 * </pre>
 */
public final class FailureText {

    private FailureText() {
    }

    /** For a per-revision check. */
    public static String render(RevisionReport revision, CheckResult result) {
        return render("Revision " + revision.label(), result);
    }

    /** For a history-wide check. */
    public static String render(CheckResult result) {
        return render("History", result);
    }

    private static String render(String subject, CheckResult result) {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder(subject).append(": ")
                .append(result.reason().isEmpty() ? result.check().claim() : result.reason());
        result.error().ifPresent(error -> text.append(nl).append("  at ").append(error.location())
                .append(nl).append("  ").append(error.message()));
        for (ReportedDifference difference : result.differences()) {
            text.append(nl).append("  ").append(difference.description());
            if (difference.reportOnly()) {
                text.append(" (reported only)");
            }
        }
        if (!result.fix().isEmpty()) {
            text.append(nl).append("Fix: ").append(result.fix());
        }
        return text.toString();
    }
}
