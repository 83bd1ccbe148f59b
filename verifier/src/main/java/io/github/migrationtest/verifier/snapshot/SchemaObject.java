package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** One object of a {@link SchemaSnapshot}: its kind, its name and its compared properties. */
public sealed interface SchemaObject
        permits Schema, DatabaseObject, SchemaMember, TableObject, CatalogObject {

    ObjectKind kind();

    /** The schema the object lives in, or {@code null} for database-wide objects. */
    String schema();

    /** The name as written in the text form, quoted where needed: {@code public.users.email}. */
    String qualifiedName();

    /**
     * The properties that define the object, in a fixed order, absent ones left out. Two objects
     * with the same path are equal exactly when their properties are.
     */
    Map<String, String> properties();

    /** How differences name this object: {@code public.users.email}, {@code type public.mood}. */
    default String path() {
        return kind().pathPrefix() + qualifiedName();
    }

    /** The path of the table this object belongs to, or {@code null} if it stands alone. */
    default String parentPath() {
        return null;
    }

    /** The top-level object this one is listed under in the text form (its table, or itself). */
    String owner();

    /** The place among its siblings; the column position for columns, 0 otherwise. */
    default int ordinal() {
        return 0;
    }

    /** Whether a property is a flag, whose absence means off (a column's {@code not null}, an index's {@code invalid}). */
    static boolean isFlag(String property) {
        return Props.FLAGS.contains(property);
    }
}
