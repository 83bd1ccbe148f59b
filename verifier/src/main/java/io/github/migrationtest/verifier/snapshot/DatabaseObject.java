package io.github.migrationtest.verifier.snapshot;

/**
 * An object of the whole database rather than of a schema: an extension, an event trigger, a setting, the default
 * privileges of a role (which may name a schema, but are not one's member), or a publication (whose tables may be in
 * any schema).
 */
public sealed interface DatabaseObject extends SchemaObject
        permits Extension, EventTrigger, DatabaseSetting, DefaultPrivileges, Publication {

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
