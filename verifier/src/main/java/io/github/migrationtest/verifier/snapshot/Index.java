package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * An index on a table or materialized view in the same schema, as {@code pg_get_indexdef} writes
 * it (method, keys, {@code INCLUDE}, predicate, uniqueness). An index that implements a primary
 * key, unique or exclusion constraint names that {@code constraint} instead: the constraint's
 * definition already says everything about it, and deparsing it twice is the slowest part of a read.
 * {@code statistics} lists the columns given a statistics target of their own ({@code ALTER INDEX ... ALTER COLUMN 1
 * SET STATISTICS 500}, for an expression's column), {@code 1: 500, 2: 0}; null when none has one.
 */
public record Index(String schema, String name, String table, String constraint, String definition,
        boolean clustered, boolean invalid, String comment, String statistics) implements SchemaMember {

    /** An index whose columns keep the default statistics target. */
    public Index(String schema, String name, String table, String constraint, String definition, boolean clustered,
            boolean invalid, String comment) {
        this(schema, name, table, constraint, definition, clustered, invalid, comment, null);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.INDEX;
    }

    @Override
    public String parentPath() {
        return Identifiers.qualify(schema, table);
    }

    @Override
    public String owner() {
        return table;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("table", Identifiers.quote(table))
                .put("constraint", constraint == null ? null : Identifiers.quote(constraint))
                .put("definition", definition)
                .flag("clustered", clustered).flag("invalid", invalid).put("comment", comment)
                .put("statistics", statistics).build();
    }

    static Index read(Identifiers.Split name, PropertyReader p) {
        String table = Identifiers.split(p.require("table")).part(0, "table");
        String constraint = p.get("constraint");
        String definition = p.get("definition");
        if ((constraint == null) == (definition == null)) {
            throw new IllegalArgumentException("an index has either a 'constraint' or a 'definition'");
        }
        return new Index(name.part(0, "index"), name.part(1, "index"), table,
                constraint == null ? null : Identifiers.split(constraint).part(0, "constraint"), definition,
                p.flag("clustered"), p.flag("invalid"), p.get("comment"), p.get("statistics"));
    }
}
