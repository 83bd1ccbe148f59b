package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A rule on a table or view ({@code CREATE RULE}) as {@code pg_get_ruledef} writes it, without its final semicolon; a
 * view's own {@code _RETURN} rule is its definition, not one of these. {@code enabled} is absent when it fires normally
 * and {@code disabled}, {@code replica} or {@code always} otherwise.
 */
public record Rule(String schema, String table, String name, String definition, String enabled, String comment)
        implements TableObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.RULE;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("enabled", enabled).put("comment", comment).build();
    }

    static Rule read(Identifiers.Split name, PropertyReader p) {
        return new Rule(name.part(0, "rule"), name.part(1, "rule"), name.part(2, "rule"), p.require("definition"),
                p.get("enabled"), p.get("comment"));
    }
}
