package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The history's findings that matter for one run. A missing downgrade does not when the run downgrades nothing
 * (no downgrade check chosen), nor for a revision it does not round-trip (declared irreversible, skipped, below
 * the floor): the user has said so already, and a warning repeated on every run hides the ones that are new.
 */
public final class HistoryWarnings {

    private HistoryWarnings() {
    }

    /** The findings to show, in their order; all of them when an option names no revision of the history. */
    public static List<HistoryFinding> forRun(List<HistoryFinding> findings, List<Revision> revisions,
                                              VerifierOptions options) {
        boolean downgrades = options.runs(Check.DOWNGRADE_RESTORES_SCHEMA)
                || options.runs(Check.REUPGRADE_REPRODUCES_SCHEMA) || options.runs(Check.FULL_DOWNGRADE_TO_BASE);
        RevisionPolicy policy;
        try {
            policy = new RevisionPolicy(revisions, options);
        } catch (IllegalArgumentException unknownRevision) {
            return findings; // the verification names the option's mistake
        }
        return findings.stream().filter(finding -> finding.kind() != Kind.MISSING_DOWNGRADE || finding.isError()
                || downgrades && !allNotRoundTripped(lacking(finding, revisions), policy)).toList();
    }

    /**
     * The revisions without a downgrade of their own that include the finding's file: one, or several when a
     * changelog file holds several such revisions (a finding names the file only, so each may be the one).
     */
    private static List<Integer> lacking(HistoryFinding finding, List<Revision> revisions) {
        return IntStream.range(0, revisions.size()).filter(i -> revisions.get(i).files().contains(finding.file())
                && (revisions.get(i).whyNoDowngrade().isPresent() || !revisions.get(i).downgradeToAdd().isEmpty()))
                .boxed().toList();
    }

    private static boolean allNotRoundTripped(List<Integer> revisions, RevisionPolicy policy) {
        return !revisions.isEmpty() && revisions.stream().allMatch(i -> policy.skipReason(i).isPresent());
    }
}
