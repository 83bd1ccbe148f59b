package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.diff.ChangedProperty;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.diff.MissingObject;
import io.github.migrationtest.verifier.diff.UnexpectedObject;
import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.Policy;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.Rule;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.Trigger;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the diff's differences into the changes one script must make, adding what the diff leaves
 * implied: the constraints, indexes, triggers and policies of a table it reports missing as a whole,
 * and the objects that must be dropped and created around a change they depend on (views over a
 * replaced view or a retyped column; checks and indexes that name an enum being recreated; foreign
 * keys to a key or unique index being replaced).
 */
final class Changes {
    private Changes() {
    }

    /** The changes from {@code from} to {@code to}, in the diff's order, implied ones after. */
    static List<Change> between(SchemaSnapshot from, SchemaSnapshot to, List<Difference> differences) {
        Map<String, Change> changes = new LinkedHashMap<>();
        Map<String, Set<String>> changedProperties = new LinkedHashMap<>();
        for (Difference difference : differences) {
            String path = difference.path();
            if (difference instanceof MissingObject) {
                changes.put(path, Change.create(to.lookup(path).orElseThrow()));
            } else if (difference instanceof UnexpectedObject) {
                changes.put(path, Change.drop(from.lookup(path).orElseThrow()));
            } else if (difference instanceof ChangedProperty changed) {
                changedProperties.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(changed.property());
                changes.put(path, null); // keeps the diff's order
            }
        }
        changedProperties.forEach((path, properties) -> {
            SchemaObject before = from.lookup(path).orElseThrow();
            SchemaObject after = to.lookup(path).orElseThrow();
            // A view's columns may change with its query, which only a new view can do.
            boolean rebuilt = before instanceof View && properties.contains("definition");
            changes.put(path, rebuilt ? Change.rebuild(before, after) : new Change(before, after, properties));
        });
        markRecreatedEnums(to, changes);
        rebuildDependents(from, to, changes);
        addChildrenOfNewRelations(to, changes);
        addChildrenOfDroppedTables(from, changes);
        return List.copyOf(changes.values());
    }

    /**
     * Marks the enums that must be recreated ({@link Change#RECREATE}) before anything is rebuilt
     * around them, judged on everything the script writes, so the generator and the rebuilds agree.
     */
    private static void markRecreatedEnums(SchemaSnapshot to, Map<String, Change> changes) {
        for (Change change : List.copyOf(changes.values())) {
            if (change.from() instanceof EnumType before && change.to() instanceof EnumType after
                    && change.properties().contains("labels")
                    && EnumSql.mustRecreate(before, after, to, changes.values())) {
                Set<String> properties = new HashSet<>(change.properties());
                properties.add(Change.RECREATE);
                changes.put(change.path(), new Change(before, after, properties));
            }
        }
    }

    /**
     * The constraints, indexes, triggers and policies of a table the diff reports unexpected as a
     * whole. {@code DROP TABLE} takes them along, so their generators write nothing for them, save
     * a foreign key to another table being dropped, which must go first.
     */
    private static void addChildrenOfDroppedTables(SchemaSnapshot from, Map<String, Change> changes) {
        for (Change change : List.copyOf(changes.values())) {
            if (change.dropsOld() && change.from() instanceof Table table) {
                from.children(table.path()).stream().filter(child -> !(child instanceof Column))
                        .forEach(child -> changes.putIfAbsent(child.path(), Change.drop(child)));
            }
        }
    }

    /**
     * Children the diff does not list because it reports their table or view missing whole: a table's constraints,
     * indexes, triggers, rules and policies, a materialized view's indexes, a view's triggers and rules.
     */
    private static void addChildrenOfNewRelations(SchemaSnapshot to, Map<String, Change> changes) {
        for (Change change : List.copyOf(changes.values())) {
            SchemaObject relation = change.to();
            boolean newRelation = change.createsNew()
                    && (relation instanceof Table table && !TableSql.isChild(table)
                            || relation instanceof View);
            if (newRelation) {
                to.children(relation.path()).stream().filter(child -> !(child instanceof Column))
                        .forEach(child -> changes.putIfAbsent(child.path(), Change.create(child)));
            }
        }
    }

    /**
     * Adds a rebuild for every object, unchanged itself, that names something about to be reshaped
     * under it; Postgres would refuse the change while it stands. Views stack, so this runs until no
     * view is added.
     */
    private static void rebuildDependents(SchemaSnapshot from, SchemaSnapshot to, Map<String, Change> changes) {
        Set<String> reshapedRelations = new HashSet<>();
        Set<String> recreatedTypes = new HashSet<>();
        Plan probe = new Plan(from, to, changes.values());
        for (Change change : changes.values()) {
            SchemaObject object = change.object();
            if (change.replacesWhole() && object instanceof View
                    || object instanceof Routine && !change.creates() && !change.drops()
                            && (change.properties().contains("returns") || change.properties().contains("arguments"))) {
                reshapedRelations.add(baseName(object));
            } else if (object instanceof Column column && (change.properties().contains("type")
                    || change.properties().contains("collation"))) {
                reshapedRelations.add(Sql.name(column.schema(), column.table()));
            } else if (change.properties().contains(Change.RECREATE) && change.from() instanceof EnumType before) {
                recreatedTypes.add(Targets.name(before));
                EnumSql.columnsOf(before, probe).forEach(c -> reshapedRelations.add(Sql.name(c.schema(), c.table())));
            }
        }
        for (SchemaObject object : from.objects()) {
            boolean namesRecreatedType = (object instanceof Constraint || object instanceof Index
                    || object instanceof Trigger || object instanceof Rule || object instanceof Policy)
                    && recreatedTypes.stream().anyMatch(type -> mentionedBy(object, type));
            if (namesRecreatedType) {
                rebuild(object, to, changes);
            }
        }
        // After the rebuilds above, which may replace a key; rebuilt foreign keys take no key away.
        for (Constraint constraint : from.objects(Constraint.class)) {
            if (ConstraintSql.isForeignKey(constraint)
                    && ConstraintSql.referencesKeysThatGo(constraint, changes.values())) {
                rebuild(constraint, to, changes);
            }
        }
        boolean added = true;
        while (added) {
            added = false;
            for (View view : from.objects(View.class)) {
                Change change = changes.get(view.path());
                boolean rebuilt = change != null && change.dropsOld();
                if (!rebuilt && Stream.concat(reshapedRelations.stream(), recreatedTypes.stream())
                        .anyMatch(name -> Mentions.mentions(view.definition(), name))
                        && rebuild(view, to, changes)) {
                    reshapedRelations.add(Targets.name(view));
                    added = true;
                }
            }
        }
    }

    /** Rebuilds {@code object} if it exists on both sides; whatever else changed about it comes with the new one. */
    private static boolean rebuild(SchemaObject object, SchemaSnapshot to, Map<String, Change> changes) {
        Change existing = changes.get(object.path());
        if (existing != null && existing.dropsOld()) {
            return false;
        }
        return to.lookup(object.path()).filter(after -> after.kind() == object.kind()).map(after -> {
            changes.put(object.path(), Change.rebuild(object, after));
            return true;
        }).orElse(false);
    }

    private static boolean mentionedBy(SchemaObject object, String name) {
        return object.properties().values().stream().anyMatch(value -> Mentions.mentions(value, name));
    }

    /** The name a definition calls the object by: a routine without its argument list. */
    private static String baseName(SchemaObject object) {
        return object instanceof Routine routine ? Sql.name(routine.schema(), routine.name()) : Targets.name(object);
    }
}
