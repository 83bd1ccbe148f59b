package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A table trigger as {@code pg_get_triggerdef} writes it; {@code enabled} is absent when it fires
 * normally and {@code disabled}, {@code replica} or {@code always} otherwise.
 */
public record Trigger(String schema, String table, String name, String definition, String enabled, String comment)
        implements TableObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.TRIGGER;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("enabled", enabled).put("comment", comment).build();
    }

    static Trigger read(Identifiers.Split name, PropertyReader p) {
        return new Trigger(name.part(0, "trigger"), name.part(1, "trigger"), name.part(2, "trigger"),
                p.require("definition"), p.get("enabled"), p.get("comment"));
    }
}
