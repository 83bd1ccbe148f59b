package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.ChangedProperty;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Locale;

/** Turns what the diff and the sources found into the report's own, serialisable terms. */
public final class Findings {

    private Findings() {
    }

    /** The differences in the report's terms: path, kind, expected, actual. */
    public static List<ReportedDifference> differences(DiffResult diff) {
        return diff.differences().stream().map(Findings::difference).toList();
    }

    private static ReportedDifference difference(Difference difference) {
        String kind = difference.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (difference instanceof ChangedProperty changed) {
            kind += " " + changed.property(); // "changed default": which property is what a reader needs
        }
        return new ReportedDifference(difference.path(), kind, difference.expected(), difference.actual(),
                difference.reportOnly(), difference.describe());
    }

    static StatementError error(MigrationFailure failure) {
        StringBuilder message = new StringBuilder(failure.message());
        if (!failure.detail().isEmpty()) {
            message.append(" DETAIL: ").append(failure.detail());
        }
        if (!failure.hint().isEmpty()) {
            message.append(" HINT: ").append(failure.hint());
        }
        return new StatementError(failure.file(), failure.line(), failure.column(), message.toString());
    }
}
