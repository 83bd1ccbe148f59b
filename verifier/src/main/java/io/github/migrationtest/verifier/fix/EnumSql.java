package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.CompositeType;
import io.github.migrationtest.verifier.snapshot.DomainType;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.RangeType;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Enum types. New labels are added in place, each {@code BEFORE} or {@code AFTER} a neighbour so it
 * lands where the other side has it; a label that only has another name, in the same place, is renamed
 * ({@code RENAME VALUE}, which keeps the rows that hold it). Postgres cannot remove or reorder labels, and a label added by
 * {@code ADD VALUE} cannot be used until its transaction commits; in those cases the type is
 * recreated: renamed away, created anew, its columns converted through {@code text}, the old one
 * dropped. That rewrites the tables that use it and fails if a row holds a label that goes.
 */
final class EnumSql implements ObjectSql<EnumType> {
    private static final String LABELS = "labels";

    @Override
    public void create(EnumType type, Plan plan) {
        plan.add(Phase.CREATE_TYPE, createType(type));
        Annotations.created(type, Phase.CREATE_TYPE, plan);
    }

    @Override
    public void drop(EnumType type, Plan plan) {
        plan.add(Phase.DROP_TYPE, Targets.drop(type));
    }

    @Override
    public void alter(EnumType from, EnumType to, Pending changed, Plan plan) {
        if (changed.take(Change.RECREATE)) {
            recreate(from, to, plan);
            changed.takeAll(); // the new type is created with its comment and grants
            return;
        }
        if (changed.take(LABELS)) {
            if (!renamed(from, to).isEmpty()) {
                renameLabels(from, to, plan);
            } else {
                addLabels(from, to, plan);
            }
        }
    }

    /**
     * The labels that only have another name, in the same place, each old name with its new one; empty unless
     * every difference is such a rename. {@code RENAME VALUE} then undoes an {@code ALTER TYPE ... RENAME VALUE}
     * exactly: no table is rewritten, the rows keep their label, and the new name can be used at once.
     */
    static Map<String, String> renamed(EnumType from, EnumType to) {
        if (from.labels().size() != to.labels().size()) {
            return Map.of();
        }
        Map<String, String> renames = new LinkedHashMap<>();
        for (int i = 0; i < from.labels().size(); i++) {
            String before = from.labels().get(i);
            String after = to.labels().get(i);
            if (before.equals(after)) {
                continue;
            }
            if (to.labels().contains(before) || from.labels().contains(after)) {
                return Map.of(); // a label that moves, not one that is renamed
            }
            renames.put(before, after);
        }
        return renames;
    }

    private static void renameLabels(EnumType from, EnumType to, Plan plan) {
        renamed(from, to).forEach((before, after) -> plan.add(Phase.ALTER_TYPE, "ALTER TYPE " + Targets.name(to)
                + " RENAME VALUE " + Sql.literal(before) + " TO " + Sql.literal(after)));
    }

    /**
     * Whether the labels cannot be reached by adding or renaming: some go or move, or a new one is used elsewhere in
     * the same script (a default, a check), which {@code ADD VALUE} would not allow before a commit.
     *
     * @param target the schema the script reaches, for what comes inside a relation it creates whole
     */
    static boolean mustRecreate(EnumType from, EnumType to, SchemaSnapshot target, Collection<Change> changes) {
        if (!renamed(from, to).isEmpty()) {
            return false;
        }
        List<String> kept = to.labels().stream().filter(from.labels()::contains).toList();
        if (!kept.equals(from.labels())) {
            return true;
        }
        String type = Targets.name(to);
        List<String> casts = to.labels().stream().filter(label -> !from.labels().contains(label))
                .map(label -> Sql.literal(label) + "::" + type).toList();
        return written(target, changes).filter(o -> o != to).anyMatch(o -> o.properties().values().stream()
                .anyMatch(value -> casts.stream().anyMatch(value::contains)));
    }

    /**
     * What the script writes: every object it creates or changes, and the columns, constraints and
     * indexes that come with a table or materialized view it creates whole, which have no change of their own.
     */
    private static Stream<SchemaObject> written(SchemaSnapshot target, Collection<Change> changes) {
        return changes.stream().filter(change -> change.to() != null).flatMap(change -> {
            boolean newRelation = change.createsNew()
                    && (change.to() instanceof Table || change.to() instanceof View);
            return newRelation ? Stream.concat(Stream.of(change.to()), target.children(change.path()).stream())
                    : Stream.of(change.to());
        });
    }

    private static void addLabels(EnumType from, EnumType to, Plan plan) {
        List<String> labels = new ArrayList<>(from.labels());
        List<String> notes = List.of("ADD VALUE: a new label cannot be used before this transaction commits"
                + " (before Postgres 12, ADD VALUE cannot run inside a transaction block at all)");
        for (int i = 0; i < to.labels().size(); i++) {
            String label = to.labels().get(i);
            if (labels.contains(label)) {
                continue;
            }
            String place = "";
            String next = to.labels().subList(i + 1, to.labels().size()).stream().filter(labels::contains)
                    .findFirst().orElse(null);
            if (next != null) {
                place = " BEFORE " + Sql.literal(next);
                labels.add(labels.indexOf(next), label);
            } else {
                place = i == 0 ? "" : " AFTER " + Sql.literal(to.labels().get(i - 1));
                labels.add(label);
            }
            plan.add(Phase.ALTER_TYPE, notes, "ALTER TYPE " + Targets.name(to) + " ADD VALUE " + Sql.literal(label)
                    + place);
            notes = List.of();
        }
    }

    private static void recreate(EnumType from, EnumType to, Plan plan) {
        String type = Targets.name(to);
        List<String> dependents = plan.from().objects().stream()
                .filter(o -> o instanceof DomainType || o instanceof CompositeType || o instanceof RangeType
                        || o instanceof Routine)
                .filter(o -> !plan.drops(o.path()))
                .filter(o -> o.properties().values().stream().anyMatch(v -> Mentions.mentions(v, type)))
                .map(SchemaObject::path).toList();
        if (!dependents.isEmpty()) {
            plan.manual(to.path(), "the labels change in a way only recreating the type can reach, and "
                    + String.join(", ", dependents) + " depend on it; recreate them by hand");
            return;
        }
        String old = oldName(from, plan);
        List<String> gone = from.labels().stream().filter(l -> !to.labels().contains(l)).toList();
        List<String> notes = new ArrayList<>();
        notes.add("recreates " + to.path() + ": Postgres cannot remove or reorder enum labels, nor use a label"
                + " added in the same transaction; rewrites the tables that use it");
        if (!gone.isEmpty()) {
            notes.add("fails if a row holds a label that goes: "
                    + gone.stream().map(Sql::literal).collect(Collectors.joining(", ")));
        }
        plan.add(Phase.ALTER_TYPE, notes, "ALTER TYPE " + type + " RENAME TO " + Sql.name(old));
        plan.add(Phase.ALTER_TYPE, createType(to));
        List<Column> columns = columnsOf(from, plan);
        for (Column column : columns) {
            if (reachedFromParent(column, columns, plan)) {
                continue; // the parent's ALTER converts it: Postgres refuses to alter an inherited column
            }
            String alter = ColumnSql.alterColumn(column);
            String array = column.type().substring(type.length()); // "" or "[]"
            if (column.defaultValue() != null) {
                plan.add(Phase.ALTER_TYPE, alter + "DROP DEFAULT");
            }
            plan.add(Phase.ALTER_TYPE, alter + "TYPE " + column.type() + " USING " + Sql.name(column.name())
                    + "::text" + array + "::" + column.type());
            // A default that changes too is set with the column's other changes, later.
            if (column.defaultValue() != null && !plan.alters(column.path(), "default")) {
                plan.add(Phase.ALTER_TYPE, alter + "SET DEFAULT " + column.defaultValue());
            }
        }
        plan.add(Phase.ALTER_TYPE, "DROP TYPE " + Sql.name(from.schema(), old));
        Annotations.created(to, Phase.ALTER_TYPE, plan);
    }

    /** The columns of the starting schema that hold the type or an array of it and stay. */
    static List<Column> columnsOf(EnumType type, Plan plan) {
        String name = Targets.name(type);
        return plan.from().objects(Column.class).stream()
                .filter(c -> c.type().equals(name) || c.type().startsWith(name + "["))
                .filter(c -> !plan.drops(c.path()) && !plan.dropsParentOf(c)).toList();
    }

    /**
     * Whether the column is a partition's or inheritance child's that a parent among {@code columns} has too: the
     * parent's {@code ALTER COLUMN ... TYPE} recurses to it (hatchet's partitioned tables failed with "cannot alter
     * inherited column").
     */
    private static boolean reachedFromParent(Column column, List<Column> columns, Plan plan) {
        return plan.from().lookup(column.parentPath()).filter(Table.class::isInstance).map(Table.class::cast)
                .filter(TableSql::isChild).stream().flatMap(table -> table.parents().stream())
                .anyMatch(parent -> columns.stream().anyMatch(c -> c.parentPath().equals(parent)
                        && c.name().equals(column.name())));
    }

    /** A name for the old type while the new one takes its place, free in its schema. */
    private static String oldName(EnumType type, Plan plan) {
        String candidate = type.name() + "__old";
        for (int i = 2; isTaken(type.schema(), candidate, plan); i++) {
            candidate = type.name() + "__old" + i;
        }
        return candidate;
    }

    private static boolean isTaken(String schema, String name, Plan plan) {
        return plan.from().objects().stream().filter(o -> schema.equals(o.schema()))
                .map(SchemaObject::path).anyMatch(p -> p.endsWith("." + name) || p.endsWith("." + Sql.name(name)));
    }

    private static String createType(EnumType type) {
        return "CREATE TYPE " + Targets.name(type) + " AS ENUM ("
                + type.labels().stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")";
    }
}
