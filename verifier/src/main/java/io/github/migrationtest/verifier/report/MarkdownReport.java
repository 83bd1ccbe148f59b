package io.github.migrationtest.verifier.report;

/** The report as Markdown, for a CI job summary or a pull-request comment. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /**
     * The server without where it ran (port, data folder, how root was dropped, Docker's socket): noise
     * in a pull request, different on every run; the JSON report keeps it whole.
     */
    static String server(String description) {
        return description.replaceFirst(" on port \\d+ \\(.*\\)$", "").replaceFirst(", Docker at .*$", "")
                .replaceFirst("^Postgres in container \\S+ ", "Postgres in container ");
    }

    /** GitHub's limit for a step's job summary: a larger one is not shown at all. */
    public static final int JOB_SUMMARY_LIMIT = 1024 * 1024;

    /** The report within {@link #JOB_SUMMARY_LIMIT}, so it can always be a GitHub job summary. */
    public static String render(VerificationReport report) {
        return render(report, JOB_SUMMARY_LIMIT);
    }

    /**
     * The report in at most {@code maxBytes} bytes of UTF-8: when the whole would be larger, the failures
     * (and, for a huge history, revision rows) that do not fit are left out, and a closing line says how
     * many and where the whole report is.
     */
    public static String render(VerificationReport report, int maxBytes) {
        MarkdownBudget md = new MarkdownBudget(maxBytes);
        // The protected-schemas column only where schemas are protected, so other tables stay as they were.
        boolean protectedColumn = report.revisions().stream()
                .anyMatch(revision -> revision.result(Check.PROTECTED_SCHEMAS_UNTOUCHED).isPresent());
        md.append("## migrationtest: " + (report.passed() ? "✅ all downgrades verified" : "❌ verification failed")
                + "\n\n" + report.source() + " on " + server(report.postgres()) + "\n\n"
                + Summary.counts(report) + "\n\n"
                + "| revision | upgrade | downgrade | re-upgrade |"
                + (protectedColumn ? " protected schemas |\n|---|---|---|---|---|\n" : "\n|---|---|---|---|\n"));
        for (RevisionReport revision : report.revisions()) {
            md.appendRow("| " + escape(revision.label())
                    + " | " + cell(revision, Check.UPGRADES_APPLY)
                    + " | " + cell(revision, Check.DOWNGRADE_RESTORES_SCHEMA)
                    + " | " + cell(revision, Check.REUPGRADE_REPRODUCES_SCHEMA)
                    + (protectedColumn ? " | " + cell(revision, Check.PROTECTED_SCHEMAS_UNTOUCHED) : "") + " |\n");
        }
        if (!report.historyChecks().isEmpty()) {
            StringBuilder table = new StringBuilder("\n| history check | outcome |\n|---|---|\n");
            for (CheckResult check : report.historyChecks()) {
                table.append("| ").append(check.check().claim()).append(" | ").append(icon(check.outcome()))
                        .append(check.reason().isEmpty() ? "" : ": " + escape(check.reason())).append(" |\n");
            }
            md.append(table.toString());
        }
        md.append(SafetySection.markdown(report));
        md.append(LintSection.markdown(report));
        appendFailures(report, md);
        return md.close();
    }

    private static void appendFailures(VerificationReport report, MarkdownBudget md) {
        if (report.results().noneMatch(CheckResult::isFailed)) {
            return;
        }
        md.append("\n### Failures\n");
        FailureText.forEachFailure(report, (subject, result) -> {
            StringBuilder failure = new StringBuilder();
            appendFailure(failure, subject, result);
            md.appendFailure(failure.toString());
        });
    }

    /** The failure text in a plain block; proposed SQL in blocks of its own, highlighted and easy to copy. */
    private static void appendFailure(StringBuilder md, String subject, CheckResult result) {
        md.append("\n```\n").append(FailureText.render(subject, result, false)).append("\n```\n");
        result.migration().ifPresent(migration -> appendMigration(md, migration));
    }

    private static void appendMigration(StringBuilder md, ProposedMigration migration) {
        if (!migration.generated()) {
            md.append('\n').append(FailureText.NOT_GENERATED).append(migration.generationError()).append('\n');
            return;
        }
        sqlBlock(md, FailureText.UPGRADE, migration.upgrade());
        sqlBlock(md, FailureText.downgradeTitle(migration), migration.downgrade());
        if (!migration.manual().isEmpty()) {
            md.append('\n').append(FailureText.MANUAL).append("\n\n");
            migration.manual().forEach(entry -> md.append("- ").append(entry).append('\n'));
        }
    }

    private static void sqlBlock(StringBuilder md, String title, String sql) {
        if (!sql.isBlank()) {
            md.append("\n**").append(title).append("**\n\n```sql\n").append(sql.strip()).append("\n```\n");
        }
    }

    private static String cell(RevisionReport revision, Check check) {
        return revision.result(check).map(r -> icon(r.outcome())).orElse("");
    }

    private static String icon(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case SKIPPED -> "⏭️ skipped";
            case NOT_REACHED -> "not reached";
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
