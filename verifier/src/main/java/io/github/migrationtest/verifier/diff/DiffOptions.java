package io.github.migrationtest.verifier.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How two snapshots are compared.
 *
 * @param columnOrder     how to treat columns in another order
 * @param ignored         glob patterns ({@code *} any text, {@code ?} one character) for objects to
 *                        leave out, matched against the path with or without its kind word
 *                        ({@code public.audit_*}, {@code *.updated_at}, {@code type public.*}); an
 *                        ignored table takes its columns, indexes and the like with it. A pattern
 *                        {@code <glob>#<property>} ignores only that property ({@code *#comment}).
 * @param schemas         the schemas to compare; empty means all
 * @param constraintNames whether constraints and indexes are matched by name or by definition
 * @param toolSchemas     schemas the migration tool creates for its bookkeeping table (Flyway's {@code schemas},
 *                        the schema of Alembic's version table): no downgrade drops them, so one that exists on
 *                        one side only is no difference (its comment, grants and contents are compared as usual)
 */
public record DiffOptions(ColumnOrder columnOrder, List<String> ignored, Set<String> schemas,
        ConstraintNames constraintNames, Set<String> toolSchemas) {

    /** What a difference in column order means. */
    public enum ColumnOrder {
        /** Listed as a report-only difference; it does not fail a comparison. The default. */
        REPORT,
        /** A failing difference, for teams that want the physical order restored too. */
        STRICT,
        /** Not listed at all. */
        IGNORE
    }

    /** How a constraint or index of one schema is found in the other. */
    public enum ConstraintNames {
        /**
         * By name only: the same constraint under another name is a missing one and an unexpected
         * one, and fails. The default, since names are what migrations and error messages refer to.
         */
        EXACT,
        /**
         * A missing and an unexpected constraint (or index) on the same table with the same
         * definition are paired and listed as a report-only {@link RenamedObject}: for models whose
         * tool makes names up, such as Hibernate's {@code fk…}, {@code uk…} and {@code idx…}.
         */
        BY_DEFINITION
    }

    public DiffOptions {
        Objects.requireNonNull(constraintNames, "constraintNames");
        ignored = List.copyOf(ignored);
        schemas = Set.copyOf(schemas);
        toolSchemas = Set.copyOf(toolSchemas);
    }

    public DiffOptions(ColumnOrder columnOrder, List<String> ignored, Set<String> schemas, ConstraintNames constraintNames) {
        this(columnOrder, ignored, schemas, constraintNames, Set.of());
    }

    /** Constraints and indexes matched by name. */
    public DiffOptions(ColumnOrder columnOrder, List<String> ignored, Set<String> schemas) {
        this(columnOrder, ignored, schemas, ConstraintNames.EXACT);
    }

    /** Column order reported only, nothing ignored, all schemas, constraints matched by name. */
    public static DiffOptions defaults() {
        return new DiffOptions(ColumnOrder.REPORT, List.of(), Set.of(), ConstraintNames.EXACT, Set.of());
    }

    public DiffOptions withColumnOrder(ColumnOrder policy) {
        return new DiffOptions(policy, ignored, schemas, constraintNames, toolSchemas);
    }

    /** Column order differences fail the comparison. */
    public DiffOptions withStrictColumnOrder() {
        return withColumnOrder(ColumnOrder.STRICT);
    }

    /** Adds ignore patterns to those already given. */
    public DiffOptions withIgnored(String... patterns) {
        List<String> all = new ArrayList<>(ignored);
        all.addAll(Arrays.asList(patterns));
        return new DiffOptions(columnOrder, all, schemas, constraintNames, toolSchemas);
    }

    /** Compares only these schemas (and database-wide objects such as extensions). */
    public DiffOptions withSchemas(String... names) {
        return new DiffOptions(columnOrder, ignored, Set.of(names), constraintNames, toolSchemas);
    }

    public DiffOptions withConstraintNames(ConstraintNames matching) {
        return new DiffOptions(columnOrder, ignored, schemas, matching, toolSchemas);
    }

    /** Adds schemas the migration tool keeps for itself (see {@link #toolSchemas()}). */
    public DiffOptions withToolSchemas(Set<String> names) {
        Set<String> all = new TreeSet<>(toolSchemas);
        all.addAll(names);
        return new DiffOptions(columnOrder, ignored, schemas, constraintNames, all);
    }

    /** Constraints and indexes that differ only in name are paired and reported, not failed. */
    public DiffOptions withConstraintsMatchedByDefinition() {
        return withConstraintNames(ConstraintNames.BY_DEFINITION);
    }
}
