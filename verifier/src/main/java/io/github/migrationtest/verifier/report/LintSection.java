package io.github.migrationtest.verifier.report;

import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The schema lint at head in each report format, apart from the per-revision safety findings. */
public final class LintSection {

    private LintSection() {
    }

    /** How many findings of each kind; only kinds found. */
    static Map<Finding, Long> counts(VerificationReport report) {
        Map<Finding, Long> counts = new EnumMap<>(Finding.class);
        report.lint().findings().forEach(f -> counts.merge(f.finding(), 1L, Long::sum));
        return counts;
    }

    /**
     * {@code {"findings": [...], "counts": {"<FINDING>": n}, "ms", "skipped"}}, the findings as the revisions'
     * {@code safety[]} has them.
     */
    static String json(VerificationReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("findings", Json.array(report.lint().findings().stream().map(SafetySection::json).toList()));
        fields.put("counts", jsonCounts(report));
        fields.put("ms", String.valueOf(report.lint().time().toMillis()));
        fields.put("skipped", report.lint().skipped().isEmpty() ? "null" : Json.string(report.lint().skipped()));
        return Json.object(fields);
    }

    private static String jsonCounts(VerificationReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        counts(report).forEach((finding, count) -> fields.put(finding.name(), String.valueOf(count)));
        return Json.object(fields);
    }

    /** One line per finding, for JUnit's system-out; empty when there is none. */
    static String text(VerificationReport report) {
        return report.lint().findings().stream().map(LintSection::text).collect(Collectors.joining("\n"));
    }

    private static String text(SafetyFinding found) {
        return "head schema: " + found.finding().name() + " " + found.object() + ": " + found.detail();
    }

    /**
     * For the console after the safety line: "Schema lint at head (reported; --fail-on fails them):
     * LINT_FK_WITHOUT_INDEX 2, ..." and each finding, or why the lint was skipped; empty when it found nothing.
     */
    public static String console(VerificationReport report) {
        String nl = System.lineSeparator();
        if (!report.lint().skipped().isEmpty()) {
            return report.lint().skipped() + nl;
        }
        Map<Finding, Long> counts = counts(report);
        if (counts.isEmpty()) {
            return "";
        }
        return "Schema lint at head (reported, not failed unless named in --fail-on): " + counts.entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", ")) + nl
                + report.lint().findings().stream().map(f -> "  " + text(f) + nl).collect(Collectors.joining());
    }

    /** A table of its own after the safety findings; the skipped line when it did not run; empty when clean. */
    static String markdown(VerificationReport report) {
        if (!report.lint().skipped().isEmpty()) {
            return "\n" + report.lint().skipped() + "\n";
        }
        Map<Finding, Long> counts = counts(report);
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Schema lint at head\n\n");
        md.append(counts.entrySet().stream().map(e -> "`" + e.getKey().name() + "` " + e.getValue())
                .collect(Collectors.joining(", "))).append("\n\n| finding | table | what was found, and the fix |\n|---|---|---|\n");
        for (SafetyFinding found : report.lint().findings()) {
            md.append("| **").append(found.finding().name()).append("** | ").append(cell(found.object())).append(" | ")
                    .append(cell(found.detail())).append(" |\n");
        }
        md.append("\n<details><summary>Why these matter, and the safe way</summary>\n\n");
        counts.keySet().forEach(k -> md.append("- **").append(k.name()).append("** ").append(k.claim()).append(": ")
                .append(k.why()).append(". Safe way: ").append(k.safeWay()).append(".\n"));
        return md.append("\n</details>\n").toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
