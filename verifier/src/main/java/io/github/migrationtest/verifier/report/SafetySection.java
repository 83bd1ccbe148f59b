package io.github.migrationtest.verifier.report;

import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The safety findings in each report format: per revision, and a count per finding. */
public final class SafetySection {

    private SafetySection() {
    }

    /** How many findings of each kind, allowed ones included; only kinds found. */
    static Map<Finding, Long> counts(VerificationReport report) {
        Map<Finding, Long> counts = new EnumMap<>(Finding.class);
        report.revisions().forEach(r -> r.safety().forEach(f -> counts.merge(f.finding(), 1L, Long::sum)));
        return counts;
    }

    static String json(SafetyFinding found) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("finding", Json.string(found.finding().name()));
        fields.put("direction", Json.string(found.direction().name()));
        fields.put("file", Json.string(found.file()));
        fields.put("line", String.valueOf(found.line()));
        fields.put("object", Json.string(found.object()));
        fields.put("detail", Json.string(found.detail()));
        fields.put("evidence", Json.string(found.evidence().name()));
        fields.put("allowed", found.allowed() ? Json.string(found.allowedBecause()) : "null");
        return Json.object(fields);
    }

    static String jsonCounts(VerificationReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        counts(report).forEach((finding, count) -> fields.put(finding.name(), String.valueOf(count)));
        return Json.object(fields);
    }

    /** One line per finding, for JUnit's system-out and the console. */
    static String text(RevisionReport revision, SafetyFinding found) {
        return "revision " + revision.label() + " " + found.direction().verb() + " " + found.location() + ": "
                + found.finding().name() + " " + found.object() + ": " + found.detail()
                + " [" + found.evidence().name().toLowerCase(java.util.Locale.ROOT) + "]"
                + (found.allowed() ? " (allowed: " + found.allowedBecause() + ")" : "");
    }

    static String text(VerificationReport report) {
        return report.revisions().stream().flatMap(r -> r.safety().stream().map(f -> text(r, f)))
                .collect(Collectors.joining("\n"));
    }

    /**
     * For the console after the summary: "Safety findings (reported; --fail-on fails them): TABLE_REWRITE 2,
     * ..." and where the reports list them; empty when there is none.
     */
    public static String console(VerificationReport report) {
        Map<Finding, Long> counts = counts(report);
        if (counts.isEmpty()) {
            return "";
        }
        long allowed = report.revisions().stream().flatMap(r -> r.safety().stream()).filter(SafetyFinding::allowed)
                .count();
        return "Safety findings (reported, not failed unless named in --fail-on; listed in the JSON, JUnit XML and"
                + " Markdown reports): " + counts.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + (allowed > 0 ? "; " + allowed + " allowed by comments" : "")
                + System.lineSeparator();
    }

    /** A table a reviewer reads in a pull request, and the counts; empty when nothing was found. */
    static String markdown(VerificationReport report) {
        Map<Finding, Long> counts = counts(report);
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Safety findings\n\n");
        md.append(counts.entrySet().stream().map(e -> "`" + e.getKey().name() + "` " + e.getValue())
                .collect(Collectors.joining(", "))).append("\n\n");
        md.append("| revision | step | where | finding | object | what was seen | evidence |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (RevisionReport revision : report.revisions()) {
            for (SafetyFinding found : revision.safety()) {
                md.append("| ").append(cell(revision.label()))
                        .append(" | ").append(found.direction().verb())
                        .append(" | `").append(cell(found.location())).append('`')
                        .append(" | ").append(found.allowed() ? "~~" + found.finding().name() + "~~ allowed: "
                                + cell(found.allowedBecause()) : "**" + found.finding().name() + "**")
                        .append(" | ").append(cell(found.object()))
                        .append(" | ").append(cell(found.detail()))
                        .append(" | ").append(found.evidence().name().toLowerCase(java.util.Locale.ROOT)).append(" |\n");
            }
        }
        List<Finding> kinds = List.copyOf(counts.keySet());
        md.append("\n<details><summary>Why these matter, and the safe way</summary>\n\n");
        kinds.forEach(k -> md.append("- **").append(k.name()).append("** ").append(k.claim()).append(": ")
                .append(k.why()).append(". Safe way: ").append(k.safeWay()).append(".\n"));
        md.append("\n</details>\n");
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
