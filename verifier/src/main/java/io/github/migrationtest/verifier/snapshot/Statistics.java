package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * An extended statistics object ({@code CREATE STATISTICS}) on a table or materialized view, as {@code
 * pg_get_statisticsobjdef} writes it (kinds, columns or expressions, table), with the target {@code ALTER STATISTICS
 * ... SET STATISTICS} gave it (none: the default).
 *
 * @param tableSchema the schema of the table it is on, which may be another than its own
 */
public record Statistics(String schema, String name, String tableSchema, String table, String definition, String target,
        String comment) implements SchemaMember {

    @Override
    public ObjectKind kind() {
        return ObjectKind.STATISTICS;
    }

    @Override
    public String parentPath() {
        return Identifiers.qualify(tableSchema, table);
    }

    @Override
    public String owner() {
        return table;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("table", Identifiers.qualify(tableSchema, table)).put("definition", definition)
                .put("target", target).put("comment", comment).build();
    }

    static Statistics read(Identifiers.Split name, PropertyReader p) {
        Identifiers.Split table = Identifiers.split(p.require("table"));
        return new Statistics(name.part(0, "statistics"), name.part(1, "statistics"), table.part(0, "table"),
                table.part(1, "table"), p.require("definition"), p.get("target"), p.get("comment"));
    }
}
