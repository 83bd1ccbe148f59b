package io.github.migrationtest.verifier.snapshot;

/** An object that belongs to one table (or view): a column, constraint, trigger, rule or policy. */
public sealed interface TableObject extends SchemaObject permits Column, Constraint, Trigger, Rule, Policy {

    /** The table it belongs to, in the same schema. */
    String table();

    String name();

    @Override
    default String qualifiedName() {
        return Identifiers.qualify(schema(), table(), name());
    }

    @Override
    default String parentPath() {
        return Identifiers.qualify(schema(), table());
    }

    @Override
    default String owner() {
        return table();
    }
}
