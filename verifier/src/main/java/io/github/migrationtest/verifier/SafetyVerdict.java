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

    /** @param lint the schema lint's findings at head, which no comment can allow (they belong to no file) */
    static CheckResult of(List<RevisionReport> revisions, List<SafetyFinding> lint, SafetyOptions options) {
        List<ReportedDifference> failing = new ArrayList<>();
        List<Finding> kinds = new ArrayList<>();
        for (RevisionReport revision : revisions) {
            for (SafetyFinding found : revision.safety()) {
                if (options.fails(found)) {
                    add(failing, kinds, found, "revision " + revision.label() + " " + found.direction().verb() + ": ");
                }
            }
        }
        for (SafetyFinding found : lint) {
            if (options.fails(found)) {
                add(failing, kinds, found, "");
            }
        }
        if (failing.isEmpty()) {
            return CheckResult.passed(Check.SAFETY_FINDINGS_ACCEPTED);
        }
        String fix = kinds.stream().map(f -> f.name() + ": " + f.safeWay()).collect(Collectors.joining("; "))
                + (kinds.stream().allMatch(SafetyVerdict::lint) ? ""
                        : "; or accept one on purpose with -- migrationtest:allow <FINDING> <reason> in its file")
                + (kinds.stream().anyMatch(SafetyVerdict::lint)
                        ? "; a LINT_ finding of the head schema belongs to no file: to accept it, leave it out of --fail-on" : "");
        return CheckResult.failed(Check.SAFETY_FINDINGS_ACCEPTED, failing.size() + " finding(s) named in --fail-on",
                failing, fix);
    }

    private static boolean lint(Finding finding) {
        return finding.name().startsWith("LINT_");
    }

    private static void add(List<ReportedDifference> failing, List<Finding> kinds, SafetyFinding found, String where) {
        failing.add(new ReportedDifference(found.location(), found.finding().name(), null, found.detail(), false,
                where + found.location() + ": " + found.finding().name() + " " + found.object() + ": " + found.detail()));
        if (!kinds.contains(found.finding())) {
            kinds.add(found.finding());
        }
    }
}
