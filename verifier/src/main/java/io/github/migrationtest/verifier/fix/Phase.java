package io.github.migrationtest.verifier.fix;

/**
 * Where a statement goes in a script, so that it runs: first everything that goes away, dependents
 * before what they depend on, then what changes in place, then everything new, what is depended on
 * before its dependents. A downgrade is planned like an upgrade, so its drops come out in the
 * reverse of the upgrade's creation order without a separate rule.
 */
enum Phase {
    /** Session settings the script needs. */
    SETUP,
    DROP_TRIGGER,
    DROP_POLICY,
    /**
     * Views and materialized views, a view before the views it reads; among them functions tied to a view (its row
     * type in their arguments or result, {@code RETURNS SETOF current_log}, or read by a SQL-standard body), which
     * Postgres refuses to drop the view before, and which a view may call in turn: ranked by depth.
     */
    DROP_VIEW,
    /** Functions with a SQL-standard body depend on the tables they read. */
    DROP_ATOMIC_ROUTINE,
    DROP_FOREIGN_KEY,
    DROP_INDEX,
    DROP_CONSTRAINT,
    /**
     * What a column holds on to and must let go of before it goes: defaults (which may call a
     * sequence or function about to be dropped), identities, sequence ownership.
     */
    RELEASE,
    DROP_COLUMN,
    DROP_TABLE,
    DROP_SEQUENCE,
    /**
     * Operator classes and families, aggregates, operators, casts, conversions, user mappings, servers and foreign-data
     * wrappers: after what uses them, before the functions and types they are made of.
     */
    DROP_OPERATOR,
    DROP_ROUTINE,
    DROP_TYPE,
    /** Text search configurations and dictionaries, and collations: after the columns, indexes and types using them. */
    DROP_COLLATION,
    DROP_EXTENSION,
    DROP_SCHEMA,
    CREATE_SCHEMA,
    CREATE_EXTENSION,
    CREATE_TYPE,
    /** Enum labels and type attributes; after the drops, so a retyped enum's columns are the ones that stay. */
    ALTER_TYPE,
    CREATE_SEQUENCE,
    ALTER_SEQUENCE,
    /** Functions with a string body, which {@code check_function_bodies = off} lets come before the tables they read. */
    CREATE_ROUTINE,
    CREATE_TABLE,
    ADD_COLUMN,
    ALTER_COLUMN,
    ALTER_TABLE,
    /** {@code OWNED BY} needs the column to exist. */
    OWN_SEQUENCE,
    /** Primary key, unique, check and exclusion constraints. */
    ADD_CONSTRAINT,
    /** Before foreign keys: a unique index, not only a constraint, can be what a foreign key references. */
    CREATE_INDEX,
    ADD_FOREIGN_KEY,
    CREATE_ATOMIC_ROUTINE,
    /** A view after the views it reads; a function tied to a view after it, and before the views calling it. */
    CREATE_VIEW,
    /** The indexes of materialized views, which exist only now. */
    CREATE_VIEW_INDEX,
    CREATE_TRIGGER,
    CREATE_POLICY,
    /** Comments and grants on objects that stay. */
    ANNOTATE
}
