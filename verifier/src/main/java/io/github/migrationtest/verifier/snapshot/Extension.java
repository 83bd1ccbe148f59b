package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** An installed extension; the objects it creates are its own and are not listed separately. */
public record Extension(String name, String version, String installedIn, String comment) implements DatabaseObject {

    @Override
    public ObjectKind kind() {
        return ObjectKind.EXTENSION;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("version", version).put("schema", installedIn).put("comment", comment).build();
    }

    static Extension read(Identifiers.Split name, PropertyReader p) {
        return new Extension(name.part(0, "extension"), p.require("version"), p.require("schema"), p.get("comment"));
    }
}
