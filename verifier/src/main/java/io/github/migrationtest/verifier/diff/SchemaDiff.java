package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.ArrayList;
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
        IgnoreRules rules = new IgnoreRules(options.ignored());
        Map<String, SchemaObject> left = compared(expected, options, rules);
        Map<String, SchemaObject> right = compared(actual, options, rules);
        List<Difference> differences = new ArrayList<>();
        for (SchemaObject object : left.values()) {
            SchemaObject other = right.get(object.path());
            if (other == null) {
                if (object.parentPath() == null || right.containsKey(object.parentPath())
                        || !left.containsKey(object.parentPath())) {
                    differences.add(new MissingObject(object.path(), object.kind(), definition(object), group(object)));
                }
            } else {
                compareProperties(object, other, rules, differences);
            }
        }
        for (SchemaObject object : right.values()) {
            if (!left.containsKey(object.path()) && (object.parentPath() == null
                    || left.containsKey(object.parentPath()) || !right.containsKey(object.parentPath()))) {
                differences.add(new UnexpectedObject(object.path(), object.kind(), definition(object), group(object)));
            }
        }
        if (options.columnOrder() != DiffOptions.ColumnOrder.IGNORE) {
            compareColumnOrder(expected, left, right, options, differences);
        }
        return new DiffResult(sortedByGroup(differences));
    }

    private static Map<String, SchemaObject> compared(SchemaSnapshot snapshot, DiffOptions options, IgnoreRules rules) {
        Map<String, SchemaObject> objects = new LinkedHashMap<>();
        for (SchemaObject object : snapshot.objects()) {
            boolean inSchemas = object.schema() == null || options.schemas().isEmpty()
                    || options.schemas().contains(object.schema());
            if (inSchemas && !rules.ignoresObject(object)) {
                objects.put(object.path(), object);
            }
        }
        return objects;
    }

    private static void compareProperties(SchemaObject expected, SchemaObject actual, IgnoreRules rules,
            List<Difference> out) {
        if (expected.kind() != actual.kind()) {
            out.add(new ChangedProperty(expected.path(), expected.kind(), "kind", expected.kind().keyword(),
                    actual.kind().keyword(), group(expected)));
            return;
        }
        Set<String> keys = new LinkedHashSet<>(expected.properties().keySet());
        keys.addAll(actual.properties().keySet());
        for (String key : keys) {
            String before = expected.properties().get(key);
            String after = actual.properties().get(key);
            if (!Objects.equals(before, after) && !rules.ignoresProperty(expected, key)) {
                out.add(new ChangedProperty(expected.path(), expected.kind(), key, before, after, group(expected)));
            }
        }
    }

    private static void compareColumnOrder(SchemaSnapshot expected, Map<String, SchemaObject> left,
            Map<String, SchemaObject> right, DiffOptions options, List<Difference> out) {
        for (Table table : expected.objects(Table.class)) {
            if (!left.containsKey(table.path()) || !(right.get(table.path()) instanceof Table)) {
                continue;
            }
            List<String> before = columnNames(left, table.path());
            List<String> after = columnNames(right, table.path());
            List<String> common = before.stream().filter(after::contains).toList();
            List<String> commonAfter = after.stream().filter(before::contains).toList();
            if (!common.equals(commonAfter)) {
                out.add(new ColumnOrderChanged(table.path(), common, commonAfter,
                        options.columnOrder() == DiffOptions.ColumnOrder.REPORT));
            }
        }
    }

    private static List<String> columnNames(Map<String, SchemaObject> objects, String tablePath) {
        return objects.values().stream()
                .filter(o -> o instanceof Column && tablePath.equals(o.parentPath()))
                .map(Column.class::cast)
                .sorted((a, b) -> Integer.compare(a.position(), b.position()))
                .map(Column::name)
                .toList();
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

    private static String group(SchemaObject object) {
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
