package io.github.migrationtest.verifier.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collections;

/** A domain: base type, nullability, default, collation and its named constraints. */
public record DomainType(String schema, String name, String baseType, boolean notNull, String defaultValue,
        String collation, Map<String, String> constraints, String comment, String grants) implements SchemaMember {

    private static final String CONSTRAINT = "constraint ";

    public DomainType {
        constraints = Collections.unmodifiableMap(new LinkedHashMap<>(constraints));
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.DOMAIN;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("type", baseType).flag("not null", notNull).put("default", defaultValue)
                .put("collation", collation).putAll(CONSTRAINT, constraints).put("comment", comment)
                .put("grants", grants).build();
    }

    static DomainType read(Identifiers.Split name, PropertyReader p) {
        return new DomainType(name.part(0, "domain"), name.part(1, "domain"), p.require("type"), p.flag("not null"),
                p.get("default"), p.get("collation"), p.named(CONSTRAINT), p.get("comment"), p.get("grants"));
    }
}
