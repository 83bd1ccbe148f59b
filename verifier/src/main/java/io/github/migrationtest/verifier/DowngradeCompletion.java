package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * What a downgrade that left the schema wrong is missing, as the statements themselves ({@code DROP
 * INDEX public.customers_lower_name_idx;}), from the closing-SQL generator: given in the fix when they
 * are few and short enough to read in one line; longer ones would only bury the fix.
 */
final class DowngradeCompletion {

    private static final int MAX_STATEMENTS = 3;
    private static final int MAX_LENGTH = 300;

    private DowngradeCompletion() {
    }

    /** The SQL that turns {@code afterDowngrade} into {@code before}, whose diff is given (expected = before). */
    static Optional<String> statements(SchemaSnapshot afterDowngrade, SchemaSnapshot before, DiffResult diff) {
        ClosingMigration closing;
        try {
            closing = ClosingMigration.between(afterDowngrade, before, diff);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty(); // a help, never a reason to lose the finding
        }
        if (!closing.manual().isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = closing.upgrade().lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("--")).toList();
        String text = String.join(" ", lines);
        long statements = lines.stream().filter(line -> line.endsWith(";")).count();
        return lines.isEmpty() || statements > MAX_STATEMENTS || text.length() > MAX_LENGTH
                ? Optional.empty() : Optional.of(text);
    }
}
