package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.Optional;

/**
 * Moves the test's database through the history, one revision at a time, for data migration tests.
 *
 * <p>A runner starts where {@link MigrationTest#startAt()} says: by default at <em>base</em>, an
 * empty database where only the init scripts have run, so {@link #current()} is empty. With one
 * database per method each test gets a runner of its own; with one per class the tests share it,
 * and it stands wherever the previous test left it.
 *
 * <p>Revision ids are matched as written ({@code 0004}) or by their number ({@code 4}). A failing
 * step throws {@link io.github.migrationtest.verifier.source.MigrationFailedException} with the
 * file, line and column; the runner then still stands at the last revision that applied.
 */
public interface MigrationRunner {

    /** The revisions of the history, in the order they apply. */
    List<Revision> revisions();

    /** The last revision applied, or empty at base. */
    Optional<Revision> current();

    /** Applies the next revision. */
    MigrationRunner upgradeOne();

    /** Applies every revision up to and including {@code id}; nothing when it stands there already. */
    MigrationRunner upgradeTo(String id);

    /** Applies every remaining revision. */
    MigrationRunner upgradeToHead();

    /** Undoes the current revision. */
    MigrationRunner downgradeOne();

    /** Undoes revisions until {@code id} is the current one (it stays applied). */
    MigrationRunner downgradeTo(String id);

    /** Undoes every applied revision. */
    MigrationRunner downgradeToBase();

    /** The schema of the test's database as it stands now. */
    SchemaSnapshot snapshot();
}
