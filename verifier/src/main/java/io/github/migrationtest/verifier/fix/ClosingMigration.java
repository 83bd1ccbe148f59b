package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;

/**
 * The migration that would close the gap between the schema a history builds and the one wanted:
 * an upgrade script that turns {@code head} into {@code desired} and the downgrade that turns it back.
 *
 * @param upgrade SQL statements, each ending in {@code ;}, one per line or block
 * @param downgrade SQL that undoes {@code upgrade}
 * @param manual differences no SQL was generated for, each with the reason (for people to write by hand)
 */
public record ClosingMigration(String upgrade, String downgrade, List<String> manual) {

    public ClosingMigration {
        manual = List.copyOf(manual);
    }

    /** The migration from {@code head} to {@code desired}, given their diff (expected = desired, actual = head). */
    public static ClosingMigration between(SchemaSnapshot head, SchemaSnapshot desired, DiffResult diff) {
        throw new UnsupportedOperationException("not written yet: the fix-SQL generator is being built");
    }
}
