package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares two snapshots: a pure function of them and the {@link DiffOptions}. */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    /** The differences of {@code actual} from {@code expected}, with default options. */
    public static DiffResult compare(SchemaSnapshot expected, SchemaSnapshot actual) {
        return compare(expected, actual, DiffOptions.defaults());
    }

    /**
     * The differences of {@code actual} from {@code expected}, listed under the object they
     * concern. When a whole table is missing or unexpected, that one difference stands for its
     * columns, constraints, indexes and the like.
     */
    public static DiffResult compare(SchemaSnapshot expected, SchemaSnapshot actual, DiffOptions options) {
        if (expected.equals(actual)) {
            // The common case for a verifier; equal snapshots have equal column orders too.
            return new DiffResult(List.of());
        }
        IgnoreRules rules = new IgnoreRules(options.ignored());
        Map<String, SchemaObject> left = compared(expected, options, rules);
        Map<String, SchemaObject> right = compared(actual, options, rules);
        Map<String, RenamedObject> renames = Map.of();
        if (options.constraintNames() == DiffOptions.ConstraintNames.BY_DEFINITION) {
            RenamePairing.Paired paired = RenamePairing.pair(left, right);
            right = paired.actual();
            renames = paired.renames();
        }
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<String, SchemaObject> entry : left.entrySet()) {
            SchemaObject object = entry.getValue();
            SchemaObject other = right.get(entry.getKey());
            if (renames.containsKey(entry.getKey())) {
                differences.add(renames.get(entry.getKey()));
            }
            if (other == null) {
                if (listedAlone(object, left, right) && !isToolSchema(object, options)) {
                    differences.add(new MissingObject(entry.getKey(), object.kind(), definition(object), group(object)));
                }
            } else if (!object.equals(other)) {
                compareProperties(object, other, rules, differences);
            }
        }
        for (Map.Entry<String, SchemaObject> entry : right.entrySet()) {
            SchemaObject object = entry.getValue();
            if (!left.containsKey(entry.getKey()) && listedAlone(object, right, left) && !isToolSchema(object, options)) {
                differences.add(new UnexpectedObject(entry.getKey(), object.kind(), definition(object), group(object)));
            }
        }
        if (options.columnOrder() != DiffOptions.ColumnOrder.IGNORE) {
            compareColumnOrder(left, right, options, differences);
        }
        return new DiffResult(sortedByGroup(differences));
    }

    private static Map<String, SchemaObject> compared(SchemaSnapshot snapshot, DiffOptions options, IgnoreRules rules) {
        if (options.schemas().isEmpty() && rules.isEmpty()) {
            return snapshot.objectsByPath();
        }
        Map<String, SchemaObject> objects = new LinkedHashMap<>();
        snapshot.objectsByPath().forEach((path, object) -> {
            boolean inSchemas = object.schema() == null || options.schemas().isEmpty()
                    || options.schemas().contains(object.schema());
            if (inSchemas && !rules.ignoresObject(object)) {
                objects.put(path, object);
            }
        });
        return objects;
    }

    /** A schema the tool made for its bookkeeping table: it stays after every downgrade, as the table does. */
    private static boolean isToolSchema(SchemaObject object, DiffOptions options) {
        return object.kind() == ObjectKind.SCHEMA && options.toolSchemas().contains(object.schema());
    }

    /**
     * Whether an object that only {@code own} has is listed on its own: not when its table is
     * listed as missing or unexpected, which stands for everything that belongs to it, nor when it
     * is the index of a constraint listed as missing or unexpected.
     */
    private static boolean listedAlone(SchemaObject object, Map<String, SchemaObject> own,
            Map<String, SchemaObject> other) {
        String parent = object.parentPath();
        if (parent != null && !other.containsKey(parent) && own.containsKey(parent)) {
            return false;
        }
        // The index behind a primary key, unique or exclusion constraint comes and goes with it.
        return !(object instanceof Index index && index.constraint() != null)
                || !onlyIn(constraintPath(index), own, other);
    }

    private static boolean onlyIn(String path, Map<String, SchemaObject> own, Map<String, SchemaObject> other) {
        return own.containsKey(path) && !other.containsKey(path);
    }

    private static String constraintPath(Index index) {
        return ObjectKind.CONSTRAINT.pathPrefix() + Identifiers.qualify(index.schema(), index.table(), index.constraint());
    }

    /**
     * Called only for objects that are not equal (records compare field by field, which is cheaper
     * than building both property maps). A column that only moved is one: its position is not a
     * property, so it shows no change here; column order is judged on its own.
     */
    private static void compareProperties(SchemaObject expected, SchemaObject actual, IgnoreRules rules,
            List<Difference> out) {
        if (expected.kind() != actual.kind()) {
            out.add(new ChangedProperty(expected.path(), expected.kind(), "kind", expected.kind().keyword(),
                    actual.kind().keyword(), group(expected)));
            return;
        }
        Map<String, String> left = expected.properties();
        Map<String, String> right = actual.properties();
        Set<String> keys = new LinkedHashSet<>(left.keySet());
        keys.addAll(right.keySet());
        int found = out.size();
        for (String key : keys) {
            String before = left.get(key);
            String after = right.get(key);
            if (!Objects.equals(before, after) && !rules.ignoresProperty(expected, key)) {
                out.add(new ChangedProperty(expected.path(), expected.kind(), key, before, after, group(expected)));
            }
        }
        // The same properties in another order: a composite type's attributes, moved.
        List<String> order = List.copyOf(left.keySet());
        List<String> otherOrder = List.copyOf(right.keySet());
        // Only when both have the same properties: a property one side lacks is a difference
        // itself, or ignored, and must not come back as a change of order.
        if (out.size() == found && !order.equals(otherOrder) && Set.copyOf(order).equals(Set.copyOf(otherOrder))) {
            out.add(new ChangedProperty(expected.path(), expected.kind(), "order", String.join(", ", order),
                    String.join(", ", otherOrder), group(expected)));
        }
    }

    private static void compareColumnOrder(Map<String, SchemaObject> left, Map<String, SchemaObject> right,
            DiffOptions options, List<Difference> out) {
        Map<String, List<String>> before = columnNamesByTable(left);
        Map<String, List<String>> after = columnNamesByTable(right);
        for (SchemaObject object : left.values()) {
            if (!(object instanceof Table table) || !(right.get(table.path()) instanceof Table)) {
                continue;
            }
            List<String> mine = before.getOrDefault(table.path(), List.of());
            List<String> theirs = after.getOrDefault(table.path(), List.of());
            Set<String> inBoth = new HashSet<>(mine);
            inBoth.retainAll(new HashSet<>(theirs));
            List<String> common = mine.stream().filter(inBoth::contains).toList();
            List<String> commonAfter = theirs.stream().filter(inBoth::contains).toList();
            if (!common.equals(commonAfter)) {
                out.add(new ColumnOrderChanged(table.path(), common, commonAfter,
                        options.columnOrder() == DiffOptions.ColumnOrder.REPORT));
            }
        }
    }

    /** Column names per table path, in position order (snapshots list columns that way). */
    private static Map<String, List<String>> columnNamesByTable(Map<String, SchemaObject> objects) {
        Map<String, List<String>> names = new HashMap<>();
        for (SchemaObject object : objects.values()) {
            if (object instanceof Column column) {
                names.computeIfAbsent(column.parentPath(), p -> new ArrayList<>()).add(column.name());
            }
        }
        return names;
    }

    /** What a missing or unexpected object was: its definition or type, or all its properties. */
    private static String definition(SchemaObject object) {
        Map<String, String> properties = object.properties();
        if (properties.containsKey("definition")) {
            return properties.get("definition");
        }
        if (properties.containsKey("type")) {
            return properties.get("type");
        }
        return properties.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The path a difference about this object is listed under: its table's, or its own. */
    static String group(SchemaObject object) {
        return object.parentPath() != null ? object.parentPath() : object.path();
    }

    /** Groups keep the order in which their first difference was found, which follows the snapshots' order. */
    private static List<Difference> sortedByGroup(List<Difference> differences) {
        Map<String, List<Difference>> groups = new LinkedHashMap<>();
        for (Difference difference : differences) {
            groups.computeIfAbsent(difference.group(), g -> new ArrayList<>()).add(difference);
        }
        return groups.values().stream().flatMap(List::stream).toList();
    }
}
