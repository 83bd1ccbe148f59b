package io.github.migrationtest.verifier.snapshot;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a snapshot reads.
 *
 * @param schemas          the schemas to read; empty means every schema except the system ones
 * @param excludedTables   tables left out with everything that belongs to them, by name in any
 *                         schema ({@code flyway_schema_history}) or qualified ({@code audit.log})
 * @param excludedEventTriggers event triggers left out by name (the verifier's own recorder is always left out)
 * @param incremental whether a verifier, which snapshots one database again and again, re-reads only
 *     what DDL touched since its last snapshot ({@link IncrementalReader}); a single read is always whole
 */
public record SnapshotOptions(Set<String> schemas, Set<String> excludedTables, Set<String> excludedEventTriggers,
                              boolean incremental) {

    /** The bookkeeping tables of common migration tools, which migrations do not own. */
    public static final Set<String> BOOKKEEPING_TABLES = Set.of(
            "flyway_schema_history", "schema_version", "databasechangelog", "databasechangeloglock",
            "schema_migrations", "schema_migration", "__diesel_schema_migrations", "alembic_version", "_sqlx_migrations",
            "goose_db_version", "gorp_migrations", "schema_migrations_lock", "knex_migrations",
            "knex_migrations_lock", "ar_internal_metadata");

    public SnapshotOptions {
        schemas = Set.copyOf(schemas);
        excludedTables = Set.copyOf(excludedTables);
        excludedEventTriggers = Set.copyOf(excludedEventTriggers);
    }

    /** Every non-system schema, without the migration tools' bookkeeping tables. */
    public static SnapshotOptions defaults() {
        return new SnapshotOptions(Set.of(), BOOKKEEPING_TABLES, Set.of(), true);
    }

    /** Reads only these schemas (none given: all non-system schemas). */
    public SnapshotOptions withSchemas(String... names) {
        return new SnapshotOptions(Set.of(names), excludedTables, excludedEventTriggers, incremental);
    }

    /** Replaces the excluded tables; {@code withExcludedTables()} keeps bookkeeping tables in. */
    public SnapshotOptions withExcludedTables(String... names) {
        return new SnapshotOptions(schemas, Set.of(names), excludedEventTriggers, incremental);
    }

    /** Excludes these tables as well as those already excluded. */
    public SnapshotOptions withAlsoExcludedTables(String... names) {
        Set<String> all = new LinkedHashSet<>(excludedTables);
        all.addAll(Arrays.asList(names));
        return new SnapshotOptions(schemas, all, excludedEventTriggers, incremental);
    }

    /** Reads these tables after all, where they were excluded (a bookkeeping name that is the user's table). */
    public SnapshotOptions withKeptTables(Set<String> names) {
        Set<String> all = new LinkedHashSet<>(excludedTables);
        all.removeAll(names);
        return new SnapshotOptions(schemas, all, excludedEventTriggers, incremental);
    }

    /** Leaves out these event triggers. */
    public SnapshotOptions withExcludedEventTriggers(String... names) {
        return new SnapshotOptions(schemas, excludedTables, Set.of(names), incremental);
    }

    /** Incremental reads on or off; off, every snapshot reads the whole schema. */
    public SnapshotOptions withIncremental(boolean value) {
        return new SnapshotOptions(schemas, excludedTables, excludedEventTriggers, value);
    }
}
