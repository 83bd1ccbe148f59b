package io.github.migrationtest.verifier.snapshot;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Which units a read reads: all of them, or only the given ones of each kind. */
final class UnitFilter {
    static final UnitFilter ALL = new UnitFilter(null, true, true);

    private final Map<ReadUnit.Kind, Set<Long>> oids;
    private final boolean eventTriggers;
    private final boolean publications;

    private UnitFilter(Map<ReadUnit.Kind, Set<Long>> oids, boolean eventTriggers, boolean publications) {
        this.oids = oids;
        this.eventTriggers = eventTriggers;
        this.publications = publications;
    }

    /** Only the given units, and the event triggers and the publications when asked (which no unit holds). */
    static UnitFilter only(Map<ReadUnit.Kind, Set<Long>> oids, boolean eventTriggers, boolean publications) {
        Map<ReadUnit.Kind, Set<Long>> copy = new EnumMap<>(ReadUnit.Kind.class); // EnumMap(Map) refuses an empty map
        copy.putAll(oids);
        return new UnitFilter(copy, eventTriggers, publications);
    }

    /** Whether every unit is read: a whole read. */
    boolean readsAll() {
        return oids == null;
    }

    /** Whether the event triggers are read. */
    boolean readsEventTriggers() {
        return eventTriggers;
    }

    /** Whether the publications are read. */
    boolean readsPublications() {
        return publications;
    }

    /** Whether nothing at all is read. */
    boolean readsNothing() {
        return oids != null && !eventTriggers && !publications && oids.values().stream().allMatch(Set::isEmpty);
    }

    /** The OIDs of the units of these kinds to read, in a partial read; empty for none. */
    Set<Long> oids(Set<ReadUnit.Kind> kinds) {
        Set<Long> out = new java.util.HashSet<>();
        for (ReadUnit.Kind kind : kinds) {
            out.addAll(oids.getOrDefault(kind, Set.of()));
        }
        return out;
    }
}
