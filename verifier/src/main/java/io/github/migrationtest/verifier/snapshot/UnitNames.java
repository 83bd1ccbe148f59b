package io.github.migrationtest.verifier.snapshot;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What of one unit the definitions of other units print: a foreign key or a view prints the table's
 * and its columns' names, a column its type's name, a default its sequence's, a trigger its
 * function's. A change that keeps these (a comment, a default, a new column, an index, a new
 * function body) leaves the units that depend on the changed one as they were, so a partial read
 * need not read them again; a rename or a move to another schema does not.
 *
 * <p>For a table that is its name and its columns' names and types in order, of which a change
 * may only drop (columns whose dependents went with them) and append (added columns). Views and
 * types are compared whole: a view's columns, an enum's labels or a composite's attributes are
 * printed by others, and their snapshot holds no more. A sequence or routine is its path (a
 * routine's includes its arguments).
 *
 * @param names the unit's objects as listed above, in a stable order
 */
record UnitNames(ReadUnit.Kind kind, List<Object> names) {

    /** A column as other units print it; other units name it by number, which renames keep. */
    private record ColumnName(String name, String type) {
    }

    static UnitNames of(ReadUnit.Kind kind, List<SchemaObject> objects) {
        return new UnitNames(kind, switch (kind) {
            case TABLE -> objects.stream()
                    .filter(o -> o instanceof Table || o instanceof Column)
                    .sorted(Comparator.comparingInt(o -> o instanceof Column column ? column.position() : 0))
                    .map(o -> o instanceof Column column ? new ColumnName(column.name(), column.type()) : o.path())
                    .toList();
            case SEQUENCE, ROUTINE -> objects.stream().map(SchemaObject::path).sorted().map(Object.class::cast).toList();
            case VIEW, TYPE -> objects.stream().sorted(Comparator.comparing(SchemaObject::path)).map(Object.class::cast)
                    .toList();
        });
    }

    /**
     * Whether every unit that depends on this one reads as before now that this one became
     * {@code after}, with {@code droppedColumns} dropped in between. Without the dropped columns,
     * the table's columns must be the first of {@code after}'s, unrenamed: a column that took a
     * dropped one's place and name is told apart from the one before it by its name at the drop.
     */
    boolean keptIn(UnitNames after, Set<String> droppedColumns) {
        if (kind != ReadUnit.Kind.TABLE) {
            return names.equals(after.names);
        }
        List<Object> kept = names.stream()
                .filter(n -> !(n instanceof ColumnName column && droppedColumns.contains(column.name()))).toList();
        return after.names.size() >= kept.size() && after.names.subList(0, kept.size()).equals(kept);
    }
}
