package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * An index as {@code pg_get_indexdef} writes it (method, keys, {@code INCLUDE}, predicate,
 * uniqueness), on a table or materialized view in the same schema.
 */
public record Index(String schema, String name, String table, String definition, boolean clustered,
        boolean invalid, String comment) implements SchemaObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.INDEX;
    }

    @Override
    public String qualifiedName() {
        return Identifiers.qualify(schema, name);
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
        return new Props().put("table", Identifiers.quote(table)).put("definition", definition)
                .flag("clustered", clustered).flag("invalid", invalid).put("comment", comment).build();
    }

    static Index read(Identifiers.Split name, PropertyReader p) {
        String table = Identifiers.split(p.require("table")).part(0, "table");
        return new Index(name.part(0, "index"), name.part(1, "index"), table, p.require("definition"),
                p.flag("clustered"), p.flag("invalid"), p.get("comment"));
    }
}
