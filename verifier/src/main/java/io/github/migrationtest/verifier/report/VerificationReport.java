package io.github.migrationtest.verifier.report;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one verification found: the history-wide checks, each revision's checks, timings.
 *
 * @param source the history verified (its type and location)
 * @param postgres the server it ran on
 * @param historyChecks results of the checks that concern the whole history
 * @param revisions per revision, in history order
 * @param total wall time of the whole verification
 * @param lint the schema lint of the head schema ({@link HeadLint#NONE} when not run)
 */
public record VerificationReport(String source, String postgres, List<CheckResult> historyChecks,
                                 List<RevisionReport> revisions, Duration total, HeadLint lint) {

    public VerificationReport {
        historyChecks = List.copyOf(historyChecks);
        revisions = List.copyOf(revisions);
        lint = lint == null ? HeadLint.NONE : lint;
    }

    /** A report without schema lint. */
    public VerificationReport(String source, String postgres, List<CheckResult> historyChecks,
                              List<RevisionReport> revisions, Duration total) {
        this(source, postgres, historyChecks, revisions, total, HeadLint.NONE);
    }

    /** Every result, history-wide ones first. */
    public Stream<CheckResult> results() {
        return Stream.concat(historyChecks.stream(), revisions.stream().flatMap(r -> r.checks().values().stream()));
    }

    public Optional<CheckResult> historyCheck(Check check) {
        return historyChecks.stream().filter(r -> r.check() == check).findFirst();
    }

    public Optional<RevisionReport> revision(String id) {
        return revisions.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Whether every check passed or was skipped on purpose. */
    public boolean passed() {
        return results().noneMatch(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_REACHED);
    }

    /** How many results had each outcome. */
    public Map<Outcome, Long> counts() {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, results().filter(r -> r.outcome() == outcome).count());
        }
        return counts;
    }

    /** Time spent in the migrations' own SQL, over all revisions. */
    public Duration migrationTime() {
        return revisions.stream().map(r -> r.timings().migrations()).reduce(Duration.ZERO, Duration::plus);
    }

    /** Time spent measuring the statements' safety, over all revisions. */
    public Duration safetyTime() {
        return revisions.stream().map(r -> r.timings().safety()).reduce(Duration.ZERO, Duration::plus);
    }

    /** Time spent taking snapshots, over all revisions. */
    public Duration snapshotTime() {
        return revisions.stream().map(r -> r.timings().snapshots()).reduce(Duration.ZERO, Duration::plus);
    }
}
