package io.github.migrationtest.verifier.snapshot;

import java.util.List;
import java.util.Map;

/** An enum type with its labels in sort order. */
public record EnumType(String schema, String name, List<String> labels, String comment, String grants)
        implements SchemaMember {

    public EnumType {
        labels = List.copyOf(labels);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.ENUM;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("labels", SqlLiterals.list(labels)).put("comment", comment).put("grants", grants)
                .build();
    }

    static EnumType read(Identifiers.Split name, PropertyReader p) {
        return new EnumType(name.part(0, "enum"), name.part(1, "enum"), SqlLiterals.parseList(p.require("labels")),
                p.get("comment"), p.get("grants"));
    }
}
