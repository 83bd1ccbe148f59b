package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A table constraint as {@code pg_get_constraintdef} writes it: the kind, columns, references,
 * actions, {@code MATCH}, {@code DEFERRABLE} and {@code NOT VALID} are all in the definition.
 */
public record Constraint(String schema, String table, String name, String definition, String comment)
        implements TableObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.CONSTRAINT;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("comment", comment).build();
    }

    static Constraint read(Identifiers.Split name, PropertyReader p) {
        return new Constraint(name.part(0, "constraint"), name.part(1, "constraint"), name.part(2, "constraint"),
                p.require("definition"), p.get("comment"));
    }
}
