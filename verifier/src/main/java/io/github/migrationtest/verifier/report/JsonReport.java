package io.github.migrationtest.verifier.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as JSON, for tools: {@code {"source", "postgres", "passed", "checks": {...},
 * "revisions": [{"id", "description", "checks": {"<CHECK>": {"outcome", "reason", "fix",
 * "differences": [...], "error": {...}, "migration": {...}}}, "timings": {...}}], "summary": {...}}}}; a
 * {@code "lint": {"findings": [...], "counts", "ms", "skipped"}} is the schema lint at head; a
 * check's {@code migration} is {@code null} but for a {@code HEAD_MATCHES_MODEL} failure:
 * {@code {"upgrade", "downgrade", "manual": [...], "generationError"}}.
 */
public final class JsonReport {

    private JsonReport() {
    }

    public static String render(VerificationReport report) {
        return render(report, List.of());
    }

    /**
     * With the settings the history was read with and where each came from (Spring Boot's
     * {@code spring.flyway.*}), as {@code "settings": [{"name", "value", "from"}]}; none given, no such field.
     */
    public static String render(VerificationReport report, List<ReportedSetting> settings) {
        Map<String, String> root = new LinkedHashMap<>();
        root.put("source", Json.string(report.source()));
        root.put("postgres", Json.string(report.postgres()));
        root.put("passed", String.valueOf(report.passed()));
        root.put("checks", checks(report.historyChecks()));
        root.put("revisions", Json.array(report.revisions().stream().map(JsonReport::revision).toList()));
        root.put("lint", LintSection.json(report));
        root.put("summary", summary(report));
        if (!settings.isEmpty()) {
            root.put("settings", Json.array(settings.stream().map(JsonReport::setting).toList()));
        }
        return Json.object(root) + "\n";
    }

    private static String setting(ReportedSetting setting) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", Json.string(setting.name()));
        fields.put("value", Json.string(setting.value()));
        fields.put("from", Json.string(setting.origin()));
        return Json.object(fields);
    }

    private static String revision(RevisionReport revision) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", Json.string(revision.id()));
        fields.put("description", Json.string(revision.description()));
        fields.put("checks", checks(List.copyOf(revision.checks().values())));
        Map<String, String> timings = new LinkedHashMap<>();
        timings.put("upgradeMs", millis(revision.timings().upgrade()));
        timings.put("downgradeMs", millis(revision.timings().downgrade()));
        timings.put("reupgradeMs", millis(revision.timings().reupgrade()));
        timings.put("snapshotMs", millis(revision.timings().snapshots()));
        timings.put("safetyMs", millis(revision.timings().safety()));
        fields.put("timings", Json.object(timings));
        fields.put("safety", Json.array(revision.safety().stream().map(SafetySection::json).toList()));
        return Json.object(fields);
    }

    private static String checks(List<CheckResult> results) {
        Map<String, String> checks = new LinkedHashMap<>();
        for (CheckResult result : results) {
            checks.put(result.check().name(), check(result));
        }
        return Json.object(checks);
    }

    private static String check(CheckResult result) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("outcome", Json.string(result.outcome().name()));
        fields.put("reason", Json.string(result.reason()));
        fields.put("fix", Json.string(result.fix()));
        fields.put("differences", Json.array(result.differences().stream().map(JsonReport::difference).toList()));
        fields.put("error", result.error().map(JsonReport::error).orElse("null"));
        fields.put("migration", result.migration().map(JsonReport::migration).orElse("null"));
        return Json.object(fields);
    }

    /** A proposed migration as JSON: {@code {"upgrade", "downgrade", "manual": [...], "generationError"}}. */
    public static String migration(ProposedMigration migration) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("upgrade", Json.string(migration.upgrade()));
        fields.put("downgrade", Json.string(migration.downgrade()));
        fields.put("manual", Json.array(migration.manual().stream().map(Json::string).toList()));
        fields.put("generationError", migration.generated() ? "null" : Json.string(migration.generationError()));
        return Json.object(fields);
    }

    /** A difference as JSON: {@code {"path", "kind", "expected", "actual", "reportOnly"}}. */
    public static String difference(ReportedDifference difference) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("path", Json.string(difference.path()));
        fields.put("kind", Json.string(difference.kind()));
        fields.put("expected", Json.string(difference.expected()));
        fields.put("actual", Json.string(difference.actual()));
        fields.put("reportOnly", String.valueOf(difference.reportOnly()));
        return Json.object(fields);
    }

    private static String error(StatementError error) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("file", Json.string(error.file()));
        fields.put("line", String.valueOf(error.line()));
        fields.put("column", String.valueOf(error.column()));
        fields.put("message", Json.string(error.message()));
        return Json.object(fields);
    }

    private static String summary(VerificationReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        report.counts().forEach((outcome, count) -> fields.put(camel(outcome), String.valueOf(count)));
        fields.put("revisions", String.valueOf(report.revisions().size()));
        fields.put("totalMs", millis(report.total()));
        fields.put("migrationMs", millis(report.migrationTime()));
        fields.put("snapshotMs", millis(report.snapshotTime()));
        fields.put("safetyMs", millis(report.safetyTime()));
        fields.put("safety", SafetySection.jsonCounts(report));
        return Json.object(fields);
    }

    /** {@code notReached}: JSON keys in camel case. */
    private static String camel(Outcome outcome) {
        String[] words = outcome.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
