package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The last snapshot of one database, kept by unit and in canonical order, so that a partial read
 * replaces the units DDL touched, keeps the rest, and need not sort everything again.
 */
final class SnapshotState {
    private final SnapshotOptions options;
    private final Map<ReadUnit, List<SchemaSnapshot.SortKey>> units = new HashMap<>();
    private final Map<ReadUnit.Member, ReadUnit> members = new HashMap<>();
    private final List<SchemaSnapshot.SortKey> eventTriggers = new ArrayList<>();
    private final TreeSet<SchemaSnapshot.SortKey> sorted = new TreeSet<>();
    private List<Long> schemaOids;
    private SchemaSnapshot snapshot;

    private SnapshotState(SnapshotOptions options) {
        this.options = options;
    }

    /** Reads the whole schema. */
    static SnapshotState read(Connection connection, SnapshotOptions options) throws SQLException {
        SnapshotState state = new SnapshotState(options);
        state.schemaOids = SnapshotReader.read(connection, options,
                new SnapshotReader.Part(UnitFilter.ALL, null, state::collect), new ArrayList<>());
        state.snapshot = state.build();
        return state;
    }

    SchemaSnapshot snapshot() {
        return snapshot;
    }

    /** Re-reads the units {@code changes} touched, and the event triggers, which nothing records. */
    void update(Connection connection, Changes changes) throws SQLException {
        Set<ReadUnit> gone = new HashSet<>();
        Set<ReadUnit> dirty = dirtyUnits(changes, gone);
        for (ReadUnit unit : dirty) {
            List<SchemaSnapshot.SortKey> keys = units.remove(unit);
            if (keys != null) {
                keys.forEach(sorted::remove);
            }
        }
        members.values().removeIf(dirty::contains);
        eventTriggers.forEach(sorted::remove);
        eventTriggers.clear();
        Map<ReadUnit.Kind, Set<Long>> oids = new EnumMap<>(ReadUnit.Kind.class);
        for (ReadUnit unit : dirty) {
            if (!gone.contains(unit)) {
                oids.computeIfAbsent(unit.kind(), k -> new HashSet<>()).add(unit.oid());
            }
        }
        SnapshotReader.read(connection, options, new SnapshotReader.Part(UnitFilter.only(oids), schemaOids,
                this::collect), new ArrayList<>());
        snapshot = build();
    }

    /**
     * The units to read again: those the changes name, those dropped objects were in, and the
     * tables that were partitions or children of a touched table (detaching a partition changes the
     * partition, yet the catalogs no longer link it to the parent the command names). Units that
     * were themselves dropped go into {@code gone}: there is nothing left to read of them.
     */
    private Set<ReadUnit> dirtyUnits(Changes changes, Set<ReadUnit> gone) {
        Set<ReadUnit> dirty = new HashSet<>(changes.units());
        for (Changes.Dropped dropped : changes.dropped()) {
            for (ReadUnit.Kind kind : ReadUnit.Kind.ofCatalog(dropped.catalog())) {
                ReadUnit unit = new ReadUnit(kind, dropped.oid());
                if (units.containsKey(unit)) {
                    dirty.add(unit);
                    if (dropped.objsubid() == 0 && !changes.units().contains(unit)) {
                        gone.add(unit);
                    }
                }
            }
            ReadUnit owner = members.get(new ReadUnit.Member(dropped.catalog(), dropped.oid()));
            if (owner != null) {
                dirty.add(owner);
            }
            for (ReadUnit.Kind kind : ReadUnit.TABLES_AND_VIEWS) {
                ReadUnit table = new ReadUnit(kind, dropped.tableOid());
                if (dropped.tableOid() != 0 && units.containsKey(table)) {
                    dirty.add(table);
                }
            }
        }
        dirty.addAll(childrenOf(dirty));
        gone.retainAll(dirty);
        return dirty;
    }

    private Set<ReadUnit> childrenOf(Set<ReadUnit> dirty) {
        Set<String> parents = new HashSet<>();
        for (ReadUnit unit : dirty) {
            for (SchemaSnapshot.SortKey key : units.getOrDefault(unit, List.of())) {
                if (key.object() instanceof Table table) {
                    parents.add(table.qualifiedName());
                }
            }
        }
        Set<ReadUnit> children = new HashSet<>();
        if (!parents.isEmpty()) {
            units.forEach((unit, keys) -> {
                for (SchemaSnapshot.SortKey key : keys) {
                    if (key.object() instanceof Table table && isChildOfAny(table, parents)) {
                        children.add(unit);
                    }
                }
            });
        }
        return children;
    }

    private static boolean isChildOfAny(Table table, Set<String> parents) {
        if (table.partitionOf() != null && parents.contains(table.partitionOf())) {
            return true;
        }
        if (table.inherits() != null) {
            for (String parent : table.inherits().split(", ")) {
                if (parents.contains(parent)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void collect(ReadUnit unit, ReadUnit.Member member, SchemaObject object) {
        SchemaSnapshot.SortKey key = SchemaSnapshot.SortKey.of(object);
        if (!sorted.add(key)) {
            // Only a unit left stale by a missed change can clash with a fresh object.
            throw new IllegalStateException("two objects have the path " + object.path());
        }
        if (unit == null) {
            if (object instanceof EventTrigger) {
                eventTriggers.add(key);
            }
            return;
        }
        units.computeIfAbsent(unit, k -> new ArrayList<>()).add(key);
        if (member != null) {
            members.put(member, unit);
        }
    }

    private SchemaSnapshot build() {
        return SchemaSnapshot.ofSorted(new ArrayList<>(sorted));
    }
}
