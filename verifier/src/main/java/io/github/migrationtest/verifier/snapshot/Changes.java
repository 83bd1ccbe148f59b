package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What DDL touched since the last snapshot, as the recorder saw it.
 *
 * @param wholeBecause commands after which only a whole read is safe (schemas, extensions, grants,
 *     which the recorder sees without the objects), empty when a partial read will do
 * @param units the units holding a live touched object or one that depends on it
 * @param dropped the dropped objects, placed in units by the previous snapshot
 * @param untracked a digest of what snapshots show but no event trigger reports (clustered
 *     indexes, role names): when it changes, only a whole read is safe
 * @param recorderBroken a migration disabled or dropped one of the recorder's parts, which must be put back
 */
record Changes(List<String> wholeBecause, Set<ReadUnit> units, List<Dropped> dropped, String untracked,
               boolean recorderBroken) {

    /**
     * One dropped object.
     *
     * @param catalog the catalog it was in, e.g. {@code pg_class}
     * @param objsubid the column number when a column was dropped, 0 otherwise
     * @param tableOid the table it was on, while that still exists (defaults, rules, constraints,
     *     triggers, policies), 0 otherwise
     */
    record Dropped(String catalog, long oid, int objsubid, long tableOid) {
    }

    boolean needsWholeRead() {
        return !wholeBecause.isEmpty();
    }

    /** The same changes, with one more reason to read the whole schema. */
    Changes needingWholeRead(String reason) {
        List<String> reasons = new ArrayList<>(wholeBecause);
        reasons.add(reason);
        return new Changes(reasons, units, dropped, untracked, recorderBroken);
    }
}
