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

    public static String render(VerificationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("## migrationtest: ").append(report.passed() ? "✅ all downgrades verified" : "❌ verification failed")
                .append("\n\n")
                .append(report.source()).append(" on ").append(server(report.postgres())).append("\n\n")
                .append(Summary.counts(report)).append("\n\n")
                .append("| revision | upgrade | downgrade | re-upgrade |\n|---|---|---|---|\n");
        for (RevisionReport revision : report.revisions()) {
            md.append("| ").append(escape(revision.label()))
                    .append(" | ").append(cell(revision, Check.UPGRADES_APPLY))
                    .append(" | ").append(cell(revision, Check.DOWNGRADE_RESTORES_SCHEMA))
                    .append(" | ").append(cell(revision, Check.REUPGRADE_REPRODUCES_SCHEMA)).append(" |\n");
        }
        if (!report.historyChecks().isEmpty()) {
            md.append("\n| history check | outcome |\n|---|---|\n");
            for (CheckResult check : report.historyChecks()) {
                md.append("| ").append(check.check().claim()).append(" | ").append(icon(check.outcome()))
                        .append(check.reason().isEmpty() ? "" : ": " + escape(check.reason())).append(" |\n");
            }
        }
        md.append(SafetySection.markdown(report));
        appendFailures(report, md);
        return md.toString();
    }

    private static void appendFailures(VerificationReport report, StringBuilder md) {
        if (report.results().noneMatch(CheckResult::isFailed)) {
            return;
        }
        md.append("\n### Failures\n");
        FailureText.forEachFailure(report, (subject, result) -> appendFailure(md, subject, result));
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
        sqlBlock(md, FailureText.DOWNGRADE, migration.downgrade());
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
