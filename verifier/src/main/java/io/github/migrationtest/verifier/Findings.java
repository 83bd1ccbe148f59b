package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.ChangedProperty;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.StatementError;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns what the diff and the sources found into the report's own, serialisable terms. */
public final class Findings {
    /**
     * Files whose SQL is built in code (an Alembic revision, a Flyway Java migration): the line names the call, not the
     * statement, which may be a constant far above it, so the statement sent is shown too.
     */
    private static final Pattern BUILT_IN_CODE = Pattern.compile("\\.(py|java)$");
    private static final int SQL_SHOWN = 300;

    /** Postgres' SQLSTATE for a statement refused inside a transaction block ({@code CREATE INDEX CONCURRENTLY}). */
    private static final String CANNOT_RUN_IN_TRANSACTION = "25001";
    private static final String SYNTAX_ERROR = "42601";
    private static final String RAISE_EXCEPTION = "P0001";

    private Findings() {
    }

    /**
     * The fix for a failed statement: the statement itself, unless the server refused it for a privilege the
     * migrations' login lacks (its hint names the options), where the first thing to try is more privileges, or
     * refused it inside the transaction the migration tool runs it in (its hint names the tool's opt-out), or the
     * source knows the fix (the failure is not the statement's).
     */
    static String fixFor(MigrationFailure failure) {
        if (!failure.fix().isEmpty()) {
            return failure.fix();
        }
        if (failure.hint().contains(MigrationLogin.HOW_TO_WIDEN)) {
            return "Run the migrations with the privilege this statement needs (see the hint), or change the statement at "
                    + failure.location();
        }
        if (failure.sqlState().equals(CANNOT_RUN_IN_TRANSACTION) && !failure.hint().isEmpty()) {
            return "Give this statement a migration of its own that runs outside a transaction (see the hint), or change"
                    + " the statement at " + failure.location();
        }
        return "Fix the statement at " + failure.location();
    }

    /** A statement that only raises: plain {@code RAISE ...} (no SQL: a syntax error) or a DO block of one RAISE. */
    private static final Pattern ONLY_RAISES = Pattern.compile(
            "(?is)\\s*(?:RAISE\\b.*|DO\\s+(\\$\\w*\\$)\\s*BEGIN\\s+RAISE\\s+EXCEPTION\\b[^;]*;\\s*END;?\\s*\\1\\s*;?\\s*)");

    /**
     * The fix for a downgrade that failed. One whose failing statement only raises refuses on purpose (neon's
     * Databricks migrations end their downs in {@code RAISE EXCEPTION 'This migration is non-reversible...'}): it is
     * irreversible as its author means, as Alembic's downgrade() that only raises is, not a statement to fix.
     */
    static String downgradeFixFor(MigrationFailure failure, String revision) {
        return deliberateRefusal(failure, revision)
                .orElseGet(() -> fixFor(failure) + ", or declare revision " + revision + " irreversible");
    }

    /** The fix for a downgrade whose failing statement only raises (see {@link #downgradeFixFor}), if it is one. */
    static Optional<String> deliberateRefusal(MigrationFailure failure, String revision) {
        boolean raises = (failure.sqlState().equals(SYNTAX_ERROR) || failure.sqlState().equals(RAISE_EXCEPTION))
                && ONLY_RAISES.matcher(failure.statement()).matches();
        if (!raises) {
            return Optional.empty();
        }
        return Optional.of("Declare revision " + revision + " irreversible (--irreversible " + revision + "=<reason>):"
                + " its downgrade refuses on purpose at " + failure.location()
                + (failure.sqlState().equals(SYNTAX_ERROR) ? " (RAISE outside a DO block is no SQL statement: the"
                        + " syntax error is what stops it)" : ""));
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
        if (!failure.statement().isBlank() && BUILT_IN_CODE.matcher(failure.file()).find()) {
            String sql = failure.statement().strip().replaceAll("\\s+", " ");
            message.append(" SQL: ").append(sql.length() > SQL_SHOWN ? sql.substring(0, SQL_SHOWN) + " ..." : sql);
        }
        return new StatementError(failure.file(), failure.line(), failure.column(), message.toString());
    }
}
