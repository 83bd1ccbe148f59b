package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@link Check#SAFETY_FINDINGS_ACCEPTED}: fails on the findings named in {@code --fail-on} that no comment allows. */
final class SafetyVerdict {

    private SafetyVerdict() {
    }

    static CheckResult of(List<RevisionReport> revisions, SafetyOptions options) {
        List<ReportedDifference> failing = new ArrayList<>();
        List<Finding> kinds = new ArrayList<>();
        for (RevisionReport revision : revisions) {
            for (SafetyFinding found : revision.safety()) {
                if (options.fails(found)) {
                    failing.add(new ReportedDifference(found.location(), found.finding().name(), null, found.detail(),
                            false, "revision " + revision.label() + " " + found.direction().verb() + ": "
                                    + found.location() + ": " + found.finding().name() + " " + found.object() + ": "
                                    + found.detail()));
                    if (!kinds.contains(found.finding())) {
                        kinds.add(found.finding());
                    }
                }
            }
        }
        if (failing.isEmpty()) {
            return CheckResult.passed(Check.SAFETY_FINDINGS_ACCEPTED);
        }
        String fix = kinds.stream().map(f -> f.name() + ": " + f.safeWay()).collect(Collectors.joining("; "))
                + "; or accept one on purpose with -- migrationtest:allow <FINDING> <reason> in its file";
        return CheckResult.failed(Check.SAFETY_FINDINGS_ACCEPTED, failing.size() + " finding(s) named in --fail-on",
                failing, fix);
    }
}
