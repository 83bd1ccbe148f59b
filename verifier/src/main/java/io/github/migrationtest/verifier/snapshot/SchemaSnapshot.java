package io.github.migrationtest.verifier.snapshot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, normalised picture of a database's schema: every object with its defining
 * properties, in a stable order, and nothing that differs between two databases built by the same
 * DDL (no OIDs, no data, no sequence positions).
 */
public final class SchemaSnapshot {
    /**
     * Database-wide objects first, then schema by schema; inside a schema each table, type or
     * routine is followed by what belongs to it (columns in position order, then constraints,
     * indexes, triggers, policies) so a reader finds a table's whole story in one place.
     */
    record SortKey(String schema, String owner, boolean notSchema, int kind, int ordinal, String name,
            SchemaObject object, String path) implements Comparable<SortKey> {
        private static final Comparator<SortKey> ORDER = Comparator.comparing(SortKey::schema)
                .thenComparing(SortKey::owner)
                .thenComparing(SortKey::notSchema)
                .thenComparingInt(SortKey::kind)
                .thenComparingInt(SortKey::ordinal)
                .thenComparing(SortKey::name);

        static SortKey of(SchemaObject o) {
            String name = o.qualifiedName();
            return new SortKey(o.schema() == null ? "" : "1" + o.schema(), o.owner(), !(o instanceof Schema),
                    o.kind().ordinal(), o.ordinal(), name, o, o.kind().pathPrefix() + name);
        }

        @Override
        public int compareTo(SortKey other) {
            return ORDER.compare(this, other);
        }
    }

    private final List<SortKey> keys;
    /** The keys' objects, as a view: a partial read makes a snapshot per read, and need not copy them. */
    private final List<SchemaObject> objects;
    /** Built on first use: a verifier mostly compares snapshots that are equal, which needs no map. */
    private volatile Map<String, SchemaObject> byPath;

    /** From keys in canonical order; a key carries the object's path, computed once (names are quoted on the fly). */
    private SchemaSnapshot(List<SortKey> sorted) {
        this.keys = sorted;
        this.objects = new AbstractList<>() {
            @Override
            public SchemaObject get(int index) {
                return keys.get(index).object();
            }

            @Override
            public int size() {
                return keys.size();
            }
        };
    }

    /** A snapshot of these objects, in canonical order whatever order they come in. */
    public static SchemaSnapshot of(List<? extends SchemaObject> objects) {
        // Keys are computed once: a sort compares each object often.
        SchemaSnapshot snapshot = new SchemaSnapshot(objects.stream().map(SortKey::of).sorted().toList());
        snapshot.objectsByPath(); // objects from outside may clash: say so now, not at first lookup
        return snapshot;
    }

    /**
     * A snapshot from keys already in canonical order: a partial read keeps them sorted as it goes,
     * and its set of keys has no two objects with one path.
     */
    static SchemaSnapshot ofSorted(List<SortKey> sorted) {
        return new SchemaSnapshot(sorted);
    }

    /**
     * The snapshot without the database's settings, default privileges, publications and {@link CatalogObject}s: what
     * a model or another database is compared on. A model (entities, a snapshot file, SQLAlchemy's metadata) describes
     * none of them, and a live database's are mostly its administrator's (a publication for a replica or a change-data
     * feed, a foreign server); only a round trip holds its migrations to them.
     */
    public SchemaSnapshot withoutDatabaseAdministration() {
        if (keys.stream().noneMatch(key -> isAdministration(key.object()))) {
            return this;
        }
        return ofSorted(keys.stream().filter(key -> !isAdministration(key.object())).toList());
    }

    private static boolean isAdministration(SchemaObject object) {
        return object instanceof DatabaseSetting || object instanceof DefaultPrivileges || object instanceof Publication
                || object instanceof CatalogObject;
    }

    /** The objects' keys, in canonical order (see {@link SnapshotChanges}). */
    List<SortKey> keys() {
        return keys;
    }

    /** All objects in canonical order. */
    public List<SchemaObject> objects() {
        return objects;
    }

    /** All objects by path, in canonical order. */
    public Map<String, SchemaObject> objectsByPath() {
        Map<String, SchemaObject> paths = byPath;
        if (paths == null) {
            synchronized (this) {
                if (byPath == null) {
                    byPath = pathsOf(keys);
                }
                paths = byPath;
            }
        }
        return paths;
    }

    private static Map<String, SchemaObject> pathsOf(List<SortKey> sorted) {
        Map<String, SchemaObject> paths = new LinkedHashMap<>();
        for (SortKey key : sorted) {
            if (paths.put(key.path(), key.object()) != null) {
                throw new IllegalArgumentException("two objects have the path " + key.path());
            }
        }
        return Collections.unmodifiableMap(paths);
    }

    /** The object with this path, e.g. {@code public.users.email} or {@code type public.mood}. */
    public Optional<SchemaObject> lookup(String path) {
        return Optional.ofNullable(objectsByPath().get(path));
    }

    /** The objects of one type, e.g. {@code objects(Table.class)}, in canonical order. */
    public <T extends SchemaObject> List<T> objects(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The table {@code schema.name}, if there is one. */
    public Optional<Table> table(String schema, String name) {
        return lookup(Identifiers.qualify(schema, name)).filter(Table.class::isInstance).map(Table.class::cast);
    }

    /** The objects that belong to the object at {@code parentPath} (a table's columns, indexes...). */
    public List<SchemaObject> children(String parentPath) {
        return objects.stream().filter(o -> parentPath.equals(o.parentPath())).toList();
    }

    /** A table's columns in position order. */
    public List<Column> columns(Table table) {
        return children(table.path()).stream().filter(Column.class::isInstance).map(Column.class::cast).toList();
    }

    /** The SHA-256 of the text form: equal snapshots, and only those, have equal fingerprints. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(SnapshotText.render(this).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaSnapshot snapshot && objects.equals(snapshot.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        return "SchemaSnapshot[" + objects.size() + " objects]";
    }
}
