package io.github.migrationtest.verifier.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How two snapshots are compared.
 *
 * @param columnOrder how to treat columns in another order
 * @param ignored     glob patterns ({@code *} any text, {@code ?} one character) for objects to
 *                    leave out, matched against the path with or without its kind word
 *                    ({@code public.audit_*}, {@code *.updated_at}, {@code type public.*}); an
 *                    ignored table takes its columns, indexes and the like with it. A pattern
 *                    {@code <glob>#<property>} ignores only that property ({@code *#comment}).
 * @param schemas     the schemas to compare; empty means all
 */
public record DiffOptions(ColumnOrder columnOrder, List<String> ignored, Set<String> schemas) {

    /** What a difference in column order means. */
    public enum ColumnOrder {
        /** Listed as a report-only difference; it does not fail a comparison. The default. */
        REPORT,
        /** A failing difference, for teams that want the physical order restored too. */
        STRICT,
        /** Not listed at all. */
        IGNORE
    }

    public DiffOptions {
        ignored = List.copyOf(ignored);
        schemas = Set.copyOf(schemas);
    }

    /** Column order reported only, nothing ignored, all schemas. */
    public static DiffOptions defaults() {
        return new DiffOptions(ColumnOrder.REPORT, List.of(), Set.of());
    }

    public DiffOptions withColumnOrder(ColumnOrder policy) {
        return new DiffOptions(policy, ignored, schemas);
    }

    /** Column order differences fail the comparison. */
    public DiffOptions withStrictColumnOrder() {
        return withColumnOrder(ColumnOrder.STRICT);
    }

    /** Adds ignore patterns to those already given. */
    public DiffOptions withIgnored(String... patterns) {
        List<String> all = new ArrayList<>(ignored);
        all.addAll(Arrays.asList(patterns));
        return new DiffOptions(columnOrder, all, schemas);
    }

    /** Compares only these schemas (and database-wide objects such as extensions). */
    public DiffOptions withSchemas(String... names) {
        return new DiffOptions(columnOrder, ignored, Set.of(names));
    }
}
