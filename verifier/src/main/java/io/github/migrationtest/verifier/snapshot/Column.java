package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A table column. {@code position} counts visible columns from 1 (dropped columns leave no gap);
 * it is not a property, since the diff judges column order on its own terms.
 */
public record Column(
        String schema,
        String table,
        String name,
        int position,
        String type,
        boolean notNull,
        String defaultValue,
        String identity,
        String generated,
        String collation,
        String storage,
        String compression,
        String comment,
        String grants,
        String statistics,
        String options) implements TableObject {

    /** A column with the default statistics target and no options ({@code n_distinct}, ...). */
    public Column(String schema, String table, String name, int position, String type, boolean notNull,
                  String defaultValue, String identity, String generated, String collation, String storage,
                  String compression, String comment, String grants) {
        this(schema, table, name, position, type, notNull, defaultValue, identity, generated, collation, storage,
                compression, comment, grants, null, null);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.COLUMN;
    }

    @Override
    public int ordinal() {
        return position;
    }

    @Override
    public Map<String, String> properties() {
        return new Props()
                .put("type", type)
                .flag("not null", notNull)
                .put("default", defaultValue)
                .put("identity", identity)
                .put("generated", generated)
                .put("collation", collation)
                .put("storage", storage)
                .put("compression", compression)
                .put("comment", comment)
                .put("grants", grants)
                .put("statistics", statistics)
                .put("options", options)
                .build();
    }

    static Column read(Identifiers.Split name, int position, PropertyReader p) {
        return new Column(name.part(0, "column"), name.part(1, "column"), name.part(2, "column"), position,
                p.require("type"), p.flag("not null"), p.get("default"), p.get("identity"), p.get("generated"),
                p.get("collation"), p.get("storage"), p.get("compression"), p.get("comment"), p.get("grants"),
                p.get("statistics"), p.get("options"));
    }
}
