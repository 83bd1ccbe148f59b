package io.github.migrationtest.verifier.snapshot;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which units a read reads: all of them, or only the given ones of each kind, and what it reads besides. */
final class UnitFilter {
    static final UnitFilter ALL = new UnitFilter(null, EnumSet.allOf(Also.class));

    /** What a partial read reads only when asked: what no unit holds, and what few units have. */
    enum Also {
        /** The event triggers, which no event trigger reports: read when their digest changed. */
        EVENT_TRIGGERS,
        /** The publications: read when one changed, or a table or column one lists. */
        PUBLICATIONS,
        /** The rules of the units read: read where one of them had rules, or a rule was made or renamed. */
        RULES,
        /** The {@link CatalogObject}s: read when the recorder saw one change (they are few; all are read). */
        CATALOG_OBJECTS
    }

    private final Map<ReadUnit.Kind, Set<Long>> oids;
    private final Set<Also> also;

    private UnitFilter(Map<ReadUnit.Kind, Set<Long>> oids, Set<Also> also) {
        this.oids = oids;
        this.also = also;
    }

    /** Only the given units, and {@code also}. */
    static UnitFilter only(Map<ReadUnit.Kind, Set<Long>> oids, Set<Also> also) {
        Map<ReadUnit.Kind, Set<Long>> copy = new EnumMap<>(ReadUnit.Kind.class); // EnumMap(Map) refuses an empty map
        copy.putAll(oids);
        return new UnitFilter(copy, also.isEmpty() ? EnumSet.noneOf(Also.class) : EnumSet.copyOf(also));
    }

    /** Whether every unit is read: a whole read. */
    boolean readsAll() {
        return oids == null;
    }

    /** Whether {@code what} is read (always, in a whole read). */
    boolean reads(Also what) {
        return also.contains(what);
    }

    /** Whether nothing at all is read (rules are only read with their units). */
    boolean readsNothing() {
        return oids != null && !also.contains(Also.EVENT_TRIGGERS) && !also.contains(Also.PUBLICATIONS)
                && !also.contains(Also.CATALOG_OBJECTS) && oids.values().stream().allMatch(Set::isEmpty);
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
