package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One direction being written: the schema it starts from, the one it must reach, the changes
 * between them by path, and what has been written so far (statements and the list of what is left
 * to do by hand). Generators read the changes to see what else happens in the same script, e.g.
 * whether a column's table is being dropped anyway.
 */
final class Plan {
    private final SchemaSnapshot from;
    private final SchemaSnapshot to;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final Script script = new Script();
    private final List<String> manual = new ArrayList<>();
    private final Map<SchemaSnapshot, Map<String, Integer>> viewDepths = new IdentityHashMap<>();

    Plan(SchemaSnapshot from, SchemaSnapshot to, Collection<Change> changes) {
        this.from = from;
        this.to = to;
        changes.forEach(change -> this.changes.put(change.path(), change));
    }

    SchemaSnapshot from() {
        return from;
    }

    SchemaSnapshot to() {
        return to;
    }

    Collection<Change> changes() {
        return changes.values();
    }

    /**
     * When what is built on the relation at {@code parentPath} (an index, a statistics object) is created: on a
     * materialized view only once the views exist, on a table before the foreign keys that may need a unique index.
     */
    Phase buildPhase(String parentPath) {
        return to.lookup(parentPath).orElse(null) instanceof View ? Phase.CREATE_VIEW_INDEX : Phase.CREATE_INDEX;
    }

    /** Whether the object at {@code path} is created by this script (or replaced whole). */
    boolean creates(String path) {
        Change change = changes.get(path);
        return change != null && change.createsNew();
    }

    /** Whether the object at {@code path} is dropped by this script (or replaced whole). */
    boolean drops(String path) {
        Change change = changes.get(path);
        return change != null && change.dropsOld();
    }

    /** Whether this script changes {@code property} of the object at {@code path} in place. */
    boolean alters(String path, String property) {
        Change change = changes.get(path);
        return change != null && change.properties().contains(property);
    }

    /** Whether the object goes with its table when that is dropped, so needs no statement of its own. */
    boolean dropsParentOf(SchemaObject object) {
        return object.parentPath() != null && drops(object.parentPath());
    }

    /**
     * How many layers deep a view, or a routine tied to views, stacks on the other views and such routines of {@code
     * side}, which must be {@link #from} or {@link #to} ({@link Mentions#depths}).
     */
    int viewDepth(SchemaObject object, SchemaSnapshot side) {
        return viewDepths.computeIfAbsent(side, Mentions::depths).getOrDefault(object.path(), 0);
    }

    void add(Phase phase, String sql) {
        script.add(phase, 0, List.of(), sql);
    }

    /** A statement with a comment line above it; no line when {@code note} is {@code null}. */
    void add(Phase phase, String note, String sql) {
        script.add(phase, 0, note == null ? List.of() : List.of(note), sql);
    }

    void add(Phase phase, List<String> notes, String sql) {
        script.add(phase, 0, notes, sql);
    }

    /** A statement placed by {@code rank} within its phase, lower first. */
    void addRanked(Phase phase, int rank, String sql) {
        script.add(phase, rank, List.of(), sql);
    }

    /** Adds the statement that drops a table's column, index, constraint, trigger or policy, unless the table goes anyway. */
    void dropChild(SchemaObject child, Phase phase, String note, String sql) {
        if (!dropsParentOf(child)) {
            add(phase, note, sql);
        }
    }

    /** Records what no SQL is written for, naming the path and why. */
    void manual(String path, String reason) {
        String entry = path + ": " + reason;
        if (!manual.contains(entry)) {
            manual.add(entry);
        }
    }

    Script script() {
        return script;
    }

    List<String> manualEntries() {
        return List.copyOf(manual);
    }
}
