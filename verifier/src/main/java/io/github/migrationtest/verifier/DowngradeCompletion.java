package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What a downgrade that left the schema wrong is missing, as the statements themselves ({@code DROP
 * INDEX public.customers_lower_name_idx;}), from the closing-SQL generator: given in the fix when they
 * are few and short enough to read in one line; longer ones, or differences left to be written by hand,
 * go with the failure as SQL of their own (the report's {@code migration}), where they do not bury the fix.
 *
 * @param inline the statements, in one line, for the fix; empty when they are too long or incomplete
 * @param migration the statements in full, for the report, where {@code inline} cannot give them; else empty
 */
record DowngradeCompletion(Optional<String> inline, Optional<ProposedMigration> migration) {

    private static final int MAX_STATEMENTS = 3;
    private static final int MAX_LENGTH = 300;
    static final DowngradeCompletion NONE = new DowngradeCompletion(Optional.empty(), Optional.empty());

    /** The SQL that turns {@code afterDowngrade} into {@code before}, whose diff is given (expected = before). */
    static DowngradeCompletion of(SchemaSnapshot afterDowngrade, SchemaSnapshot before, DiffResult diff) {
        ClosingMigration closing;
        try {
            closing = ClosingMigration.completingDowngrade(afterDowngrade, before, diff);
        } catch (RuntimeException | StackOverflowError e) {
            return NONE; // a help, never a reason to lose the finding
        }
        List<String> lines = closing.upgrade().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("--")).toList();
        String text = String.join(" ", lines);
        long statements = lines.stream().filter(line -> line.endsWith(";")).count();
        if (closing.manual().isEmpty() && !lines.isEmpty() && statements <= MAX_STATEMENTS && text.length() <= MAX_LENGTH) {
            return new DowngradeCompletion(Optional.of(text), Optional.empty());
        }
        if (lines.isEmpty() && closing.manual().isEmpty()) {
            return NONE;
        }
        // Only what is left to people: the list says it, a script of comments would only repeat it.
        String sql = lines.isEmpty() ? "" : closing.upgrade();
        return new DowngradeCompletion(Optional.empty(),
                Optional.of(ProposedMigration.downgradeCompletion(sql, closing.manual())));
    }

    /**
     * The words for a fix ("Make ... undo every change of the upgrade" + this): what the downgrade lacks, or where
     * the SQL is.
     *
     * @param shownHere whether the fix goes with the failure that carries the SQL ({@code DOWNGRADE_RESTORES_SCHEMA})
     */
    String lacks(boolean shownHere) {
        if (inline.isPresent()) {
            return " (it lacks: " + inline.get() + ")";
        }
        if (migration.isEmpty()) {
            return "";
        }
        String what = migration.get().downgrade().isBlank() ? "what is listed, to write by hand," : "the SQL shown";
        return shownHere ? " (it lacks " + what + " with this failure)"
                : " (it lacks " + what + " with its DOWNGRADE_RESTORES_SCHEMA failure)";
    }
}
