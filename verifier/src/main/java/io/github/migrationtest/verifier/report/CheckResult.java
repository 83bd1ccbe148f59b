package io.github.migrationtest.verifier.report;

import java.util.List;
import java.util.Optional;

/**
 * The result of one check, for one revision or for the whole history.
 *
 * @param check which check
 * @param outcome what became of it
 * @param reason why it failed, was skipped or was not reached, in one line; for a pass, a note or empty
 * @param differences the schema differences behind a failure (report-only ones too)
 * @param error the failing statement, when a step failed
 * @param fix what the user can do, for a failure; empty otherwise
 * @param migration the SQL that would close the differences, when the check proposes one ({@link Check#HEAD_MATCHES_MODEL};
 *     a {@link Check#DOWNGRADE_RESTORES_SCHEMA} whose missing statements do not fit in its fix)
 */
public record CheckResult(Check check, Outcome outcome, String reason, List<ReportedDifference> differences,
                          Optional<StatementError> error, String fix, Optional<ProposedMigration> migration) {

    public CheckResult {
        differences = List.copyOf(differences);
        reason = reason == null ? "" : reason;
        fix = fix == null ? "" : fix;
    }

    /** A result without a proposed migration. */
    public CheckResult(Check check, Outcome outcome, String reason, List<ReportedDifference> differences,
                       Optional<StatementError> error, String fix) {
        this(check, outcome, reason, differences, error, fix, Optional.empty());
    }

    public static CheckResult passed(Check check) {
        return new CheckResult(check, Outcome.PASSED, "", List.of(), Optional.empty(), "");
    }

    /** Passed, with differences that are shown but do not fail (column order). */
    public static CheckResult passed(Check check, List<ReportedDifference> reportOnly) {
        return new CheckResult(check, Outcome.PASSED, "", reportOnly, Optional.empty(), "");
    }

    public static CheckResult skipped(Check check, String reason) {
        return new CheckResult(check, Outcome.SKIPPED, reason, List.of(), Optional.empty(), "");
    }

    public static CheckResult notReached(Check check, String reason) {
        return new CheckResult(check, Outcome.NOT_REACHED, reason, List.of(), Optional.empty(), "");
    }

    public static CheckResult failed(Check check, String reason, List<ReportedDifference> differences, String fix) {
        return new CheckResult(check, Outcome.FAILED, reason, differences, Optional.empty(), fix);
    }

    public static CheckResult failed(Check check, String reason, StatementError error, String fix) {
        return new CheckResult(check, Outcome.FAILED, reason, List.of(), Optional.of(error), fix);
    }

    /** Passed, with something to say: where a full downgrade stopped, that a snapshot file was updated. */
    public static CheckResult passed(Check check, String note) {
        return new CheckResult(check, Outcome.PASSED, note, List.of(), Optional.empty(), "");
    }

    /** This result with the SQL that would close its differences. */
    public CheckResult withMigration(ProposedMigration value) {
        return new CheckResult(check, outcome, reason, differences, error, fix, Optional.of(value));
    }

    public boolean isFailed() {
        return outcome == Outcome.FAILED;
    }
}
