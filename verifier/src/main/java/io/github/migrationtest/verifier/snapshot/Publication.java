package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A publication for logical replication ({@code CREATE PUBLICATION}): what it publishes and which changes. A downgrade
 * must take back a table it added ({@code ALTER PUBLICATION ... ADD TABLE}) as it takes back a column: subscribers
 * would otherwise keep receiving it. Its owner is left out, as the migrations' role differs from run to run.
 *
 * @param allTables whether it is {@code FOR ALL TABLES}
 * @param publish the changes it publishes, as {@code WITH (publish = ...)} lists them; null for all four (the default),
 *     {@code none} for none
 * @param viaRoot whether a partition's changes are published as its root table's
 * @param tables the tables named, sorted, each {@code schema.table}, with its column list and row filter when it
 *     has them ({@code public.t (id, v) WHERE (id > 1)}); null for none
 * @param schemas the schemas whose tables it publishes ({@code TABLES IN SCHEMA}), sorted; null for none
 */
public record Publication(String name, boolean allTables, String publish, boolean viaRoot, String tables,
                          String schemas, String comment) implements DatabaseObject {

    /** What {@code publish} lists by default; the snapshot then names none. */
    public static final String ALL_CHANGES = "insert, update, delete, truncate";
    /** How the snapshot names a publication of no change ({@code publish = ''}). */
    static final String NO_CHANGES = "none";

    @Override
    public ObjectKind kind() {
        return ObjectKind.PUBLICATION;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().flag("all tables", allTables).put("publish", publish).flag("via partition root", viaRoot)
                .put("tables", tables).put("schemas", schemas).put("comment", comment).build();
    }

    /** The changes it publishes as {@code WITH (publish = '...')} lists them. */
    public String publishedChanges() {
        if (publish == null) {
            return ALL_CHANGES;
        }
        return NO_CHANGES.equals(publish) ? "" : publish;
    }

    static Publication read(Identifiers.Split name, PropertyReader p) {
        return new Publication(name.part(0, "publication"), p.flag("all tables"), p.get("publish"),
                p.flag("via partition root"), p.get("tables"), p.get("schemas"), p.get("comment"));
    }
}
