package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** A schema (namespace), with its comment and grants. */
public record Schema(String name, String comment, String grants) implements SchemaObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.SCHEMA;
    }

    @Override
    public String schema() {
        return name;
    }

    @Override
    public String qualifiedName() {
        return Identifiers.quote(name);
    }

    @Override
    public String owner() {
        return "";
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("comment", comment).put("grants", grants).build();
    }

    static Schema read(Identifiers.Split name, PropertyReader p) {
        return new Schema(name.part(0, "schema"), p.get("comment"), p.get("grants"));
    }
}
