package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.SchemaObject;
import java.util.Set;

/**
 * One object to create, drop or change on the way from one schema to the other.
 *
 * @param from the object as it is, {@code null} when it is to be created
 * @param to the object as it should be, {@code null} when it is to be dropped
 * @param properties the properties that differ, for a change; empty otherwise
 */
record Change(SchemaObject from, SchemaObject to, Set<String> properties) {
    /** The property the diff reports when two objects share a path but are of different kinds. */
    static final String KIND = "kind";
    /**
     * Marks an object dropped and created anew: a view whose query changes (its columns may too), or
     * one that must step aside while something it depends on is rebuilt under it.
     */
    static final String REBUILD = "rebuild";
    /**
     * Marks an enum whose labels only recreating the type can reach, decided once for the whole
     * script: its generator recreates it, and what names the type is rebuilt around it.
     */
    static final String RECREATE = "recreate";

    Change {
        properties = Set.copyOf(properties);
    }

    static Change create(SchemaObject to) {
        return new Change(null, to, Set.of());
    }

    static Change drop(SchemaObject from) {
        return new Change(from, null, Set.of());
    }

    boolean creates() {
        return from == null;
    }

    boolean drops() {
        return to == null;
    }

    static Change rebuild(SchemaObject from, SchemaObject to) {
        return new Change(from, to, Set.of(REBUILD));
    }

    /** Whether the object is dropped and created rather than changed: rebuilt, or of another kind now. */
    boolean replacesWhole() {
        return properties.contains(KIND) || properties.contains(REBUILD);
    }

    /** Whether the object as it is goes away: dropped, or dropped to be created anew. */
    boolean dropsOld() {
        return drops() || replacesWhole();
    }

    /** Whether the object as it should be is created: new, or created anew after its drop. */
    boolean createsNew() {
        return creates() || replacesWhole();
    }

    SchemaObject object() {
        return to != null ? to : from;
    }

    String path() {
        return object().path();
    }
}
