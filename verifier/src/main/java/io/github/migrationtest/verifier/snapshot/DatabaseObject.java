package io.github.migrationtest.verifier.snapshot;

/** An object of the whole database rather than of a schema: an extension, an event trigger or a setting. */
public sealed interface DatabaseObject extends SchemaObject permits Extension, EventTrigger, DatabaseSetting {

    String name();

    @Override
    default String schema() {
        return null;
    }

    @Override
    default String qualifiedName() {
        return Identifiers.quote(name());
    }

    @Override
    default String owner() {
        return "";
    }
}
