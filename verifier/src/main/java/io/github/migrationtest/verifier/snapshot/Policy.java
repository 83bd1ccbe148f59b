package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** A row-level security policy on a table. */
public record Policy(String schema, String table, String name, boolean restrictive, String command, String roles,
        String using, String withCheck, String comment) implements TableObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.POLICY;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().flag("restrictive", restrictive).put("command", command).put("roles", roles)
                .put("using", using).put("with check", withCheck).put("comment", comment).build();
    }

    static Policy read(Identifiers.Split name, PropertyReader p) {
        return new Policy(name.part(0, "policy"), name.part(1, "policy"), name.part(2, "policy"),
                p.flag("restrictive"), p.require("command"), p.require("roles"), p.get("using"),
                p.get("with check"), p.get("comment"));
    }
}
