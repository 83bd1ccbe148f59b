package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Turns a verification report into dynamic tests: a container per revision, a test per check. */
final class CheckTests {

    private CheckTests() {
    }

    static Stream<DynamicTest> history(VerificationReport report) {
        return report.historyChecks().stream()
                .map(result -> DynamicTest.dynamicTest(name(result), () -> assertOutcome(result, FailureText::render)));
    }

    /** A snapshot file written in update mode is news in a passing test, whose name is all an IDE shows of it. */
    private static String name(CheckResult result) {
        boolean updated = result.check() == Check.HEAD_MATCHES_MODEL && result.outcome() == Outcome.PASSED
                && !result.reason().isEmpty();
        return updated ? result.check().claim() + " (" + result.reason() + ")" : result.check().claim();
    }

    /**
     * A test's name starts with its revision's id as well, since reports that flatten the tree
     * (Surefire's XML with display names, CI summaries) would otherwise show the same few names
     * once per revision.
     */
    static Stream<DynamicContainer> revisions(VerificationReport report) {
        return report.revisions().stream().map(revision -> DynamicContainer.dynamicContainer(
                "Revision " + revision.label(), revision.checks().values().stream().map(result -> test(revision, result))));
    }

    private static DynamicTest test(RevisionReport revision, CheckResult result) {
        return DynamicTest.dynamicTest(revision.id() + ": " + result.check().claim(),
                () -> assertOutcome(result, failed -> FailureText.render(revision, failed)));
    }

    /**
     * A check that was not reached is aborted, not failed: the failure that stopped the walk is
     * reported once, by its own test, instead of once more for every revision after it.
     */
    private static void assertOutcome(CheckResult result, Function<CheckResult, String> failureText) {
        switch (result.outcome()) {
            case PASSED -> {
            }
            case FAILED -> throw new AssertionFailedError(failureText.apply(result));
            case SKIPPED -> throw new TestAbortedException("Skipped: " + result.reason());
            case NOT_REACHED -> throw new TestAbortedException("Not reached: " + result.reason());
        }
    }
}
