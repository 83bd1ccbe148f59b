package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.ReportedDifference;
import java.util.List;

/**
 * A failed check as an assertion message with titled sections, in the shape pytest-alembic made
 * familiar: what failed and where, what differed (or which statement failed), and the fix.
 * <pre>
 * Revision 0003 (add nickname): the downgrade did not restore the schema
 *   public.users_name_idx: unexpected index: CREATE INDEX users_name_idx ON public.users USING btree (name)
 * Fix: Make 0003_add_nickname.down.sql undo every change of the upgrade, or declare revision 0003 irreversible
 * </pre>
 */
final class FailureMessage {

    private static final String INDENT = "  ";

    private FailureMessage() {
    }

    /** @param subject what the check is about: {@code Revision 0003 (add nickname)} or {@code History} */
    static String render(String subject, CheckResult result) {
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
        if (!result.fix().isEmpty()) {
            line(text, "Fix: " + result.fix());
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append('\n').append(line);
    }
}
