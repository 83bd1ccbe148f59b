package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What DDL touched since the last snapshot, as the recorder saw it.
 *
 * @param wholeBecause commands after which only a whole read is safe (schemas, extensions, grants,
 *     which the recorder sees without the objects), empty when a partial read will do
 * @param units the units holding a live touched object, and their partitions and inheritance children
 * @param dependents by the unit of a live touched object, the other units holding an object that
 *     depends on it: they need a read only when the touched unit's names changed ({@link UnitNames})
 * @param dropped the dropped objects, placed in units by the previous snapshot
 * @param untracked a digest of what snapshots show but no event trigger reports (clustered
 *     indexes, role names): when it changes, only a whole read is safe
 * @param eventTriggers a digest of the event triggers, which no event trigger reports either: when
 *     it changes, a read reads them again
 * @param publications a publication changed, or a table or column one lists: a read reads them again
 * @param rules a rule was made, replaced or renamed: a read reads the rules of the units it reads
 * @param catalogObjects a {@link CatalogObject} was made, changed or dropped, or one depends on what changed: a read
 *     reads them all again
 * @param recorderBroken a migration disabled or dropped one of the recorder's parts, which must be put back
 */
record Changes(List<String> wholeBecause, Set<ReadUnit> units, Map<ReadUnit, Set<ReadUnit>> dependents,
               List<Dropped> dropped, String untracked, String eventTriggers, boolean publications, boolean rules,
               boolean catalogObjects, boolean recorderBroken) {

    /**
     * One dropped object.
     *
     * @param catalog the catalog it was in, e.g. {@code pg_class}
     * @param objsubid the column number when a column was dropped, 0 otherwise
     * @param tableOid the table it was on, while that still exists (defaults, rules, constraints,
     *     triggers, policies), 0 otherwise
     * @param column a dropped column's name as it was dropped, null for other objects
     */
    record Dropped(String catalog, long oid, int objsubid, long tableOid, String column) {
    }

    /** The names of the columns of {@code unit} that were dropped, as they were named when dropped. */
    Set<String> droppedColumnsOf(ReadUnit unit) {
        return dropped.stream().filter(d -> d.column() != null && d.oid() == unit.oid()
                && d.catalog().equals(unit.kind().catalog())).map(Dropped::column).collect(Collectors.toSet());
    }

    boolean needsWholeRead() {
        return !wholeBecause.isEmpty();
    }

    /** The same changes, with one more reason to read the whole schema. */
    Changes needingWholeRead(String reason) {
        List<String> reasons = new ArrayList<>(wholeBecause);
        reasons.add(reason);
        return new Changes(reasons, units, dependents, dropped, untracked, eventTriggers, publications, rules,
                catalogObjects, recorderBroken);
    }
}
