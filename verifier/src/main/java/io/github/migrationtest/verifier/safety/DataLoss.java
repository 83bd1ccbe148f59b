package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaMember;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotChanges;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Data a step loses, read from the schema before and after it (the round trip has both): tables,
 * columns, types and enum labels that are gone, and column types that can no longer hold every value.
 * A table is placed at the statement it disappeared in when the step's statements were measured;
 * everything else at the step's file, since a schema diff knows no line.
 */
public final class DataLoss {

    private static final Set<ObjectKind> TYPES = EnumSet.of(ObjectKind.ENUM, ObjectKind.DOMAIN,
            ObjectKind.COMPOSITE_TYPE, ObjectKind.RANGE_TYPE);

    private DataLoss() {
    }

    /**
     * @param file the step's file, where a finding without a statement is placed; empty when not known
     */
    public static List<SafetyFinding> of(SchemaSnapshot before, SchemaSnapshot after, StepRecord step, String file) {
        // Straight over what differs, not through SchemaDiff: a diff per step would cost what a round trip's
        // comparison does, for the few kinds of change that lose data; nor through maps of both snapshots, which on
        // a schema of thousands of objects cost more than the rest of the check (SnapshotChanges).
        SnapshotChanges changes = SnapshotChanges.between(before, after);
        List<SafetyFinding> found = new ArrayList<>();
        Set<String> recreated = recreatedTables(before, changes, step);
        for (String table : recreated) {
            ExecutedStatement dropped = step.whereVanished(table).orElseThrow();
            found.add(new SafetyFinding(Finding.DROPS_TABLE, step.direction(), dropped.file(), dropped.line(), table,
                    "table " + table + " was dropped and created again in the " + verb(step) + ": its rows are gone",
                    Evidence.MEASURED, ""));
        }
        Set<String> inherited = droppedThroughParent(before, changes);
        // Looked for statement by statement only in a step that drops something (most change a column otherwise).
        boolean drops = step.statements().stream().anyMatch(statement -> statement.code().contains("DROP "));
        for (SnapshotChanges.Change change : changes.changes()) {
            String parent = change.before().parentPath();
            if (parent != null && recreated.contains(parent) || inherited.contains(change.path())) {
                continue; // a column of a table whose rows are gone with it, or reported on the parent it came from
            }
            if (change.after() == null) {
                gone(change.path(), change.before(), changes, step, file).ifPresent(found::add);
            } else {
                changed(change.before(), change.after(), before, step, file, drops).ifPresent(found::add);
            }
        }
        return found.stream().map(step::allow).toList();
    }

    /**
     * Columns of partitions and inheritance children that went with their parent's column of the same name: one
     * {@code ALTER TABLE <parent> DROP COLUMN} is one loss, reported once, on the parent (a table partitioned by day
     * would otherwise repeat it for every partition). Looked up only where a column name is gone more than once.
     */
    private static Set<String> droppedThroughParent(SchemaSnapshot before, SnapshotChanges changes) {
        Set<String> gonePaths = new HashSet<>();
        Map<String, Integer> goneNames = new HashMap<>();
        for (SnapshotChanges.Change change : changes.changes()) {
            if (change.after() == null && change.before() instanceof Column column) {
                gonePaths.add(change.path());
                goneNames.merge(column.name(), 1, Integer::sum);
            }
        }
        Set<String> inherited = new HashSet<>();
        for (SnapshotChanges.Change change : changes.changes()) {
            if (change.after() == null && change.before() instanceof Column column && goneNames.get(column.name()) > 1
                    && before.lookup(column.parentPath()).orElse(null) instanceof Table table
                    && table.parents().stream().anyMatch(p -> gonePaths.contains(p + "." + Identifiers.quote(column.name())))) {
                inherited.add(change.path());
            }
        }
        return inherited;
    }

    /**
     * Tables the step dropped outright and created again under the same name: the schema may be as it was, but the
     * measured step saw the table itself (its oid) disappear with its rows, none of which it had read.
     */
    private static Set<String> recreatedTables(SchemaSnapshot before, SnapshotChanges changes, StepRecord step) {
        Set<String> recreated = new TreeSet<>();
        for (String relation : step.droppedOutright()) {
            if (changes.inLater(relation)
                    && before.lookup(relation).filter(object -> object.kind() == ObjectKind.TABLE).isPresent()) {
                recreated.add(relation);
            }
        }
        return recreated;
    }

    private static Optional<SafetyFinding> gone(String path, SchemaObject was, SnapshotChanges now, StepRecord step,
                                                String file) {
        if (step.renamedTo(path).filter(now::inLater).isPresent()) {
            return Optional.empty(); // measured: renamed, its data kept
        }
        if (was.kind() == ObjectKind.TABLE) {
            Optional<ExecutedStatement> where = step.whereVanished(path);
            if (where.isEmpty() && step.allVanishedPlaced()) {
                return Optional.empty(); // measured: the relation is still there, renamed or moved
            }
            return Optional.of(new SafetyFinding(Finding.DROPS_TABLE, step.direction(),
                    where.map(ExecutedStatement::file).orElse(file), where.map(ExecutedStatement::line).orElse(0),
                    path, "table " + path + " is gone after the " + verb(step),
                    where.isPresent() ? Evidence.MEASURED : Evidence.SCHEMA_DIFF, ""));
        }
        if (was instanceof Column column && now.keeps(was.parentPath())) {
            return Optional.of(finding(Finding.DROPS_COLUMN, step, file, path,
                    "column " + path + " (" + column.type() + ") is gone after the " + verb(step),
                    ChangingStatements.droppingColumn(step.statements(), column)));
        }
        if (TYPES.contains(was.kind()) && was instanceof SchemaMember type) {
            return Optional.of(finding(Finding.DROPS_TYPE_OR_LABEL, step, file, path,
                    was.kind().keyword() + " " + path + " is gone after the " + verb(step),
                    ChangingStatements.droppingType(step.statements(), type)));
        }
        return Optional.empty();
    }

    private static Optional<SafetyFinding> changed(SchemaObject was, SchemaObject is, SchemaSnapshot schemaBefore,
                                                   StepRecord step, String file, boolean drops) {
        Optional<ExecutedStatement> dropped = drops && was instanceof Column column && is instanceof Column
                ? ChangingStatements.droppingColumn(step.statements(), column) : Optional.empty();
        if (dropped.isPresent()) {
            // Dropped and added again under its name (often with another type): every value is gone, whatever the types.
            Column column = (Column) was;
            return Optional.of(finding(Finding.DROPS_COLUMN, step, file, was.path(), "column " + was.path() + " ("
                    + column.type() + ") was dropped and added again in the " + verb(step) + ": its values are gone", dropped));
        }
        if (was instanceof Column before && is instanceof Column after
                && TypeNarrowing.narrows(before.type(), after.type())) {
            // An enum's values are its labels as they were before the step: a string type that holds them all holds
            // every value. Looked up only here, for the few columns whose type changed at all.
            Optional<List<String>> labels = enumLabels(schemaBefore, before.type());
            if (labels.isPresent() && !TypeNarrowing.narrows(before.type(), labels.get(), after.type())) {
                return Optional.empty();
            }
            List<String> tooLong = labels.map(l -> TypeNarrowing.tooLong(before.type(), l, after.type()))
                    .orElse(List.of());
            return Optional.of(finding(Finding.NARROWS_COLUMN_TYPE, step, file, was.path(),
                    "type " + before.type() + " -> " + after.type()
                            + (tooLong.isEmpty() ? "" : ": label(s) " + String.join(", ", tooLong) + " do not fit"),
                    ChangingStatements.retypingColumn(step.statements(), before)));
        }
        if (was instanceof EnumType before && is instanceof EnumType after) {
            List<String> lost = new ArrayList<>(before.labels());
            lost.removeAll(after.labels());
            lost.removeIf(label -> step.renamedLabel(was.path(), label).filter(after.labels()::contains).isPresent());
            if (!lost.isEmpty()) {
                return Optional.of(finding(Finding.DROPS_TYPE_OR_LABEL, step, file, was.path(),
                        "enum label(s) " + String.join(", ", lost) + " gone after the " + verb(step), Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /**
     * The labels of the enum a column's type (as format_type spells it, perhaps an array of it) names, in the schema
     * before the step; empty when the type is not an enum there.
     */
    private static Optional<List<String>> enumLabels(SchemaSnapshot schema, String type) {
        String element = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
        return schema.lookup(ObjectKind.ENUM.pathPrefix() + element).filter(EnumType.class::isInstance)
                .map(object -> ((EnumType) object).labels());
    }

    /**
     * A finding of the schema diff, at the statement that made the change when its text names it, else at the step's
     * file without a line.
     */
    private static SafetyFinding finding(Finding finding, StepRecord step, String file, String object, String detail,
                                         Optional<ExecutedStatement> where) {
        return new SafetyFinding(finding, step.direction(), where.map(ExecutedStatement::file).orElse(file),
                where.map(ExecutedStatement::line).orElse(0), object, detail, Evidence.SCHEMA_DIFF, "");
    }

    private static String verb(StepRecord step) {
        return step.direction().verb();
    }
}
