package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** A view or materialized view with its {@code pg_get_viewdef} definition; a matview's indexes are {@link Index}es. */
public record View(String schema, String name, boolean materialized, String definition, String options,
        String comment, String grants) implements SchemaMember {

    @Override
    public ObjectKind kind() {
        return materialized ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("options", options).put("comment", comment)
                .put("grants", grants).build();
    }

    static View read(Identifiers.Split name, boolean materialized, PropertyReader p) {
        return new View(name.part(0, "view"), name.part(1, "view"), materialized, p.require("definition"),
                p.get("options"), p.get("comment"), p.get("grants"));
    }
}
