package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
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
    private final Map<ReadUnit, Content> units = new HashMap<>();
    /** Which unit each listed index, constraint, trigger and policy is in: once dropped, only we know. */
    private final Map<ReadUnit.Member, ReadUnit> members = new HashMap<>();
    /** The units of partitions and inheritance children, by their parent's qualified name. */
    private final Map<String, Set<ReadUnit>> children = new HashMap<>();
    private final List<SchemaSnapshot.SortKey> eventTriggers = new ArrayList<>();
    private final List<SchemaSnapshot.SortKey> publications = new ArrayList<>();
    private final List<SchemaSnapshot.SortKey> catalogObjects = new ArrayList<>();
    private final TreeSet<SchemaSnapshot.SortKey> sorted = new TreeSet<>();
    /** The paths of the objects in {@code sorted}: no two objects may share one. */
    private final Set<String> paths = new HashSet<>();
    private List<Long> schemaOids;
    private SchemaSnapshot snapshot;
    private int unitsRead;
    /** The recorder's digest of the event triggers when they were last read; null: unknown, read them. */
    private String eventTriggerDigest;
    /** While a {@link #journal()} is open: how to undo each change made since, the latest first. */
    private Deque<Runnable> undo;
    /** Counts the journals opened, to tell the contents made under the open one. */
    private int journals;

    /** What one unit holds: its objects' keys, its members, and the table it is, if it is one. */
    private static final class Content {
        final List<SchemaSnapshot.SortKey> keys = new ArrayList<>();
        final List<ReadUnit.Member> members = new ArrayList<>();
        Table table;
        /** The journal it was made under (0: none): changed in place under that one, as it restores what it replaced. */
        int journal;

        Content copy() {
            Content copy = new Content();
            copy.keys.addAll(keys);
            copy.members.addAll(members);
            copy.table = table;
            return copy;
        }
    }

    private SnapshotState(SnapshotOptions options) {
        this.options = options;
    }

    /**
     * What this state is now, kept by recording how to undo each change made from here on, so that {@link
     * Journal#rollBack()} puts it back: costs what the changes touch, where a {@link #copy()} costs a pass over
     * every object. One journal at a time; it ends with its roll-back.
     */
    Journal journal() {
        if (undo != null) {
            throw new IllegalStateException("a journal is open already");
        }
        undo = new ArrayDeque<>();
        journals++;
        return new Journal(schemaOids, snapshot, unitsRead, eventTriggerDigest);
    }

    /** The fields a change replaces whole, as they were when the journal opened; the rest is undone change by change. */
    final class Journal {
        private final List<Long> schemaOids;
        private final SchemaSnapshot snapshot;
        private final int unitsRead;
        private final String eventTriggerDigest;

        private Journal(List<Long> schemaOids, SchemaSnapshot snapshot, int unitsRead, String eventTriggerDigest) {
            this.schemaOids = schemaOids;
            this.snapshot = snapshot;
            this.unitsRead = unitsRead;
            this.eventTriggerDigest = eventTriggerDigest;
        }

        /** Undoes every change since the journal opened, and closes it; returns the state, as it was then. */
        SnapshotState rollBack() {
            Deque<Runnable> changes = undo;
            undo = null;
            changes.forEach(Runnable::run);
            SnapshotState state = SnapshotState.this;
            state.schemaOids = schemaOids;
            state.snapshot = snapshot;
            state.unitsRead = unitsRead;
            state.eventTriggerDigest = eventTriggerDigest;
            return state;
        }
    }

    /** Records how to undo a change just made, while a journal is open. */
    private void undoWith(Runnable change) {
        if (undo != null) {
            undo.push(change);
        }
    }

    /** Reads the whole schema. */
    static SnapshotState read(Connection connection, SnapshotOptions options) throws SQLException {
        SnapshotState state = new SnapshotState(options);
        state.schemaOids = SnapshotReader.read(connection, options,
                new SnapshotReader.Part(UnitFilter.ALL, null, state::collect));
        state.snapshot = state.build();
        return state;
    }

    SchemaSnapshot snapshot() {
        return snapshot;
    }

    /** A copy that the updates of either leave the other alone (objects and keys are immutable, and shared). */
    SnapshotState copy() {
        SnapshotState copy = new SnapshotState(options);
        units.forEach((unit, content) -> copy.units.put(unit, content.copy()));
        copy.members.putAll(members);
        children.forEach((parent, units) -> copy.children.put(parent, new HashSet<>(units)));
        copy.eventTriggers.addAll(eventTriggers);
        copy.publications.addAll(publications);
        copy.catalogObjects.addAll(catalogObjects);
        copy.sorted.addAll(sorted);
        copy.paths.addAll(paths);
        copy.schemaOids = schemaOids;
        copy.snapshot = snapshot;
        copy.eventTriggerDigest = eventTriggerDigest;
        return copy;
    }

    /**
     * Re-reads the units {@code changes} touched, the event triggers, which nothing records, and the publications when
     * they changed; then, in a second batch, the units depending on a touched one whose names changed ({@link
     * UnitNames}).
     */
    void update(Connection connection, Changes changes) throws SQLException {
        Set<ReadUnit> gone = new HashSet<>();
        Set<ReadUnit> dirty = dirtyUnits(changes, gone);
        boolean eventTriggersChanged = eventTriggerDigest == null || !eventTriggerDigest.equals(changes.eventTriggers());
        Map<ReadUnit, UnitNames> before = new HashMap<>();
        changes.dependents().keySet().forEach(source -> before.put(source, names(source)));
        Set<UnitFilter.Also> also = EnumSet.noneOf(UnitFilter.Also.class);
        if (eventTriggersChanged) {
            also.add(UnitFilter.Also.EVENT_TRIGGERS);
        }
        if (changes.publications()) {
            also.add(UnitFilter.Also.PUBLICATIONS);
        }
        if (changes.rules()) {
            also.add(UnitFilter.Also.RULES);
        }
        if (changes.catalogObjects()) {
            also.add(UnitFilter.Also.CATALOG_OBJECTS);
        }
        Set<String> identitiesBefore = identityColumns(dirty);
        read(connection, dirty, gone, also);
        eventTriggerDigest = changes.eventTriggers();
        Set<ReadUnit> renamedDependents = new HashSet<>();
        changes.dependents().forEach((source, dependents) -> {
            UnitNames after = names(source);
            if (before.get(source) == null || after == null
                    || !before.get(source).keptIn(after, changes.droppedColumnsOf(source))) {
                renamedDependents.addAll(dependents);
            }
        });
        renamedDependents.removeAll(dirty);
        Set<ReadUnit> read = new HashSet<>(dirty);
        if (!renamedDependents.isEmpty()) {
            Set<ReadUnit> dependents = withChildren(renamedDependents);
            read(connection, dependents, Set.of(), EnumSet.noneOf(UnitFilter.Also.class));
            read.addAll(dependents);
        }
        droppedIdentitySequences(read, identitiesBefore).forEach(this::forget);
        unitsRead = dirty.size() + renamedDependents.size();
        if (!dirty.isEmpty() || !also.isEmpty()) {
            snapshot = build();
        }
    }

    /** After a whole read: the recorder's digest of the event triggers it read, for {@link #update}. */
    void eventTriggersRead(String digest) {
        eventTriggerDigest = digest;
    }

    /**
     * Takes the units {@code dirty} out, and the event triggers and publications when {@code also} asks, and reads them
     * again but for those {@code gone}; their rules too where one of them had some. With nothing to read, it sends
     * nothing.
     */
    private void read(Connection connection, Set<ReadUnit> dirty, Set<ReadUnit> gone, Set<UnitFilter.Also> also)
            throws SQLException {
        Map<ReadUnit.Kind, Set<Long>> oids = new EnumMap<>(ReadUnit.Kind.class);
        Set<UnitFilter.Also> reading = EnumSet.noneOf(UnitFilter.Also.class);
        reading.addAll(also);
        for (ReadUnit unit : dirty) {
            if (hasRules(unit)) {
                reading.add(UnitFilter.Also.RULES);
            }
            forget(unit);
            if (!gone.contains(unit)) {
                oids.computeIfAbsent(unit.kind(), k -> new HashSet<>()).add(unit.oid());
            }
        }
        if (reading.contains(UnitFilter.Also.EVENT_TRIGGERS)) {
            forgetAll(this.eventTriggers);
        }
        if (reading.contains(UnitFilter.Also.PUBLICATIONS)) {
            forgetAll(this.publications);
        }
        if (reading.contains(UnitFilter.Also.CATALOG_OBJECTS)) {
            forgetAll(this.catalogObjects);
        }
        SnapshotReader.read(connection, options, new SnapshotReader.Part(UnitFilter.only(oids, reading), schemaOids,
                this::collect));
    }

    /** Whether the unit held a rule when last read: few do, and only their reads ask for rules. */
    private boolean hasRules(ReadUnit unit) {
        Content content = units.get(unit);
        return content != null && content.keys.stream().anyMatch(key -> key.object() instanceof Rule);
    }

    /** Takes out the objects read apart from units (event triggers, publications, catalog objects), to be read again. */
    private void forgetAll(List<SchemaSnapshot.SortKey> readApart) {
        List<SchemaSnapshot.SortKey> were = List.copyOf(readApart);
        were.forEach(this::remove);
        readApart.clear();
        undoWith(() -> readApart.addAll(were));
    }

    /** What other units print of {@code unit} as the snapshot has it now; null when it has nothing of it. */
    private UnitNames names(ReadUnit unit) {
        Content content = units.get(unit);
        return content == null ? null
                : UnitNames.of(unit.kind(), content.keys.stream().map(SchemaSnapshot.SortKey::object).toList());
    }

    /** How many units the last partial read read (for tests). */
    int unitsRead() {
        return unitsRead;
    }

    /**
     * The units to read again: those the changes name, those dropped objects were in, the
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
        dirty = withChildren(dirty);
        gone.retainAll(dirty);
        return dirty;
    }

    /** The qualified names of the identity columns of the tables among {@code units}, as the snapshot has them now. */
    private Set<String> identityColumns(Set<ReadUnit> units) {
        Set<String> names = new HashSet<>();
        for (ReadUnit unit : units) {
            Content content = this.units.get(unit);
            if (content != null && content.table != null) {
                for (SchemaSnapshot.SortKey key : content.keys) {
                    if (key.object() instanceof Column column && column.identity() != null) {
                        names.add(column.qualifiedName());
                    }
                }
            }
        }
        return names;
    }

    /**
     * The identity sequences the snapshot still holds that Postgres dropped without a word: {@code ALTER TABLE ...
     * DROP IDENTITY} drops the column's sequence as an internal deletion, which no event trigger reports (hsql7: a
     * correct downgrade failed on "unexpected sequence"), nor does a later {@code DROP TABLE}, the sequence being gone.
     * Told without a query, from the tables just read or dropped: a sequence not read again whose column was an
     * identity before the read and is not now (or is gone with its table), or has another identity sequence just read
     * (dropped and added in one step). Only those columns' sequences are looked for: most reads have none.
     *
     * @param read the units read in this update (the dropped among them now absent)
     * @param identitiesBefore the identity columns of the tables among them before the read
     */
    private Set<ReadUnit> droppedIdentitySequences(Set<ReadUnit> read, Set<String> identitiesBefore) {
        Set<String> columns = new HashSet<>(identitiesBefore);
        columns.removeAll(identityColumns(read));
        for (ReadUnit unit : read) {
            Content content = units.get(unit);
            if (unit.kind() == ReadUnit.Kind.SEQUENCE && content != null) {
                content.keys.stream().map(SchemaSnapshot.SortKey::object)
                        .filter(object -> object instanceof Sequence sequence && sequence.identity()
                                && sequence.ownedBy() != null)
                        .forEach(object -> columns.add(((Sequence) object).ownedBy()));
            }
        }
        Set<ReadUnit> dropped = new HashSet<>();
        if (columns.isEmpty()) {
            return dropped;
        }
        units.forEach((unit, content) -> {
            if (unit.kind() == ReadUnit.Kind.SEQUENCE && !read.contains(unit) && content.keys.stream().anyMatch(key ->
                    key.object() instanceof Sequence sequence && sequence.identity()
                            && columns.contains(sequence.ownedBy()))) {
                dropped.add(unit);
            }
        });
        return dropped;
    }

    /** The unit, other than {@code reading}, of the identity sequence at {@code path}; null when there is none. */
    private ReadUnit staleSequence(String path, ReadUnit reading) {
        for (Map.Entry<ReadUnit, Content> entry : units.entrySet()) {
            if (entry.getKey().kind() == ReadUnit.Kind.SEQUENCE && !entry.getKey().equals(reading)
                    && entry.getValue().keys.stream().anyMatch(key -> key.path().equals(path)
                            && key.object() instanceof Sequence sequence && sequence.identity())) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** {@code units} and the partitions and inheritance children of the tables among them. */
    private Set<ReadUnit> withChildren(Set<ReadUnit> units) {
        Set<ReadUnit> all = new HashSet<>(units);
        for (ReadUnit unit : units) {
            Content content = this.units.get(unit);
            if (content != null && content.table != null) {
                all.addAll(children.getOrDefault(content.table.qualifiedName(), Set.of()));
            }
        }
        return all;
    }

    /** Takes a unit out, with its objects, members and place among its parents' children. */
    private void forget(ReadUnit unit) {
        Content content = units.remove(unit);
        if (content == null) {
            return;
        }
        undoWith(() -> units.put(unit, content));
        content.keys.forEach(this::remove);
        for (ReadUnit.Member member : content.members) {
            ReadUnit owner = members.remove(member);
            if (owner != null) {
                undoWith(() -> members.put(member, owner));
            }
        }
        if (content.table != null) {
            for (String parent : content.table.parents()) {
                Set<ReadUnit> siblings = children.get(parent);
                siblings.remove(unit);
                if (siblings.isEmpty()) {
                    children.remove(parent);
                }
                undoWith(() -> children.computeIfAbsent(parent, p -> new HashSet<>()).add(unit));
            }
        }
    }

    private void collect(ReadUnit unit, ReadUnit.Member member, SchemaObject object) {
        SchemaSnapshot.SortKey key = SchemaSnapshot.SortKey.of(object);
        if (!paths.add(key.path())) {
            // Only a unit left stale by a missed change can clash with a fresh object. An identity sequence dropped
            // unreported and made again in one step is one: two relations cannot share a name, so the old one is gone.
            ReadUnit stale = object instanceof Sequence ? staleSequence(key.path(), unit) : null;
            if (stale == null) {
                throw new IllegalStateException("two objects have the path " + object.path());
            }
            forget(stale);
            paths.add(key.path());
        }
        undoWith(() -> paths.remove(key.path()));
        if (!sorted.add(key)) {
            throw new IllegalStateException("two objects have the path " + object.path());
        }
        undoWith(() -> sorted.remove(key));
        if (unit == null) {
            List<SchemaSnapshot.SortKey> readApart = object instanceof EventTrigger ? eventTriggers
                    : object instanceof Publication ? publications
                    : object instanceof CatalogObject ? catalogObjects : null;
            if (readApart != null) {
                readApart.add(key);
                undoWith(() -> readApart.remove(readApart.size() - 1));
            }
            return;
        }
        Content content = contentToFill(unit);
        content.keys.add(key);
        if (member != null) {
            content.members.add(member);
            ReadUnit owner = members.put(member, unit);
            undoWith(() -> {
                if (owner == null) {
                    members.remove(member);
                } else {
                    members.put(member, owner);
                }
            });
        }
        if (object instanceof Table table) {
            content.table = table;
            for (String parent : table.parents()) {
                boolean added = children.computeIfAbsent(parent, p -> new HashSet<>()).add(unit);
                if (added) {
                    undoWith(() -> {
                        Set<ReadUnit> siblings = children.get(parent);
                        siblings.remove(unit);
                        if (siblings.isEmpty()) {
                            children.remove(parent);
                        }
                    });
                }
            }
        }
    }

    /**
     * The unit's content, to add to: a new one when it has none, and under a journal a copy of the one it has, put
     * in its place (the journal keeps the original, whose lists and table are changed in place otherwise).
     */
    private Content contentToFill(ReadUnit unit) {
        Content content = units.get(unit);
        boolean journaled = undo != null;
        if (content == null || (journaled && content.journal != journals)) {
            Content filled = content == null ? new Content() : content.copy();
            filled.journal = journaled ? journals : 0;
            units.put(unit, filled);
            undoWith(content == null ? () -> units.remove(unit) : () -> units.put(unit, content));
            return filled;
        }
        return content;
    }

    private void remove(SchemaSnapshot.SortKey key) {
        if (sorted.remove(key)) {
            undoWith(() -> sorted.add(key));
        }
        if (paths.remove(key.path())) {
            undoWith(() -> paths.add(key.path()));
        }
    }

    private SchemaSnapshot build() {
        return SchemaSnapshot.ofSorted(new ArrayList<>(sorted));
    }
}
