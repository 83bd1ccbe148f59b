package io.github.migrationtest.verifier.snapshot;

/** An object named directly in a schema: a table, view, sequence, index, routine or type. */
public sealed interface SchemaMember extends SchemaObject
        permits Table, View, Sequence, Index, Statistics, Routine, EnumType, DomainType, CompositeType, RangeType {

    String name();

    @Override
    default String qualifiedName() {
        return Identifiers.qualify(schema(), name());
    }

    @Override
    default String owner() {
        return name();
    }
}
