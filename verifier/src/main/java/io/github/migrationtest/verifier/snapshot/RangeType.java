package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/** A range type: subtype, its operator class and collation, canonical and difference functions. */
public record RangeType(String schema, String name, String subtype, String subtypeOpclass, String collation,
        String canonical, String subtypeDiff, String multirange, String comment, String grants)
        implements SchemaMember {

    @Override
    public ObjectKind kind() {
        return ObjectKind.RANGE_TYPE;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("subtype", subtype).put("subtype opclass", subtypeOpclass).put("collation", collation)
                .put("canonical", canonical).put("subtype diff", subtypeDiff).put("multirange", multirange)
                .put("comment", comment).put("grants", grants).build();
    }

    static RangeType read(Identifiers.Split name, PropertyReader p) {
        return new RangeType(name.part(0, "range"), name.part(1, "range"), p.require("subtype"),
                p.get("subtype opclass"), p.get("collation"), p.get("canonical"), p.get("subtype diff"),
                p.get("multirange"), p.get("comment"), p.get("grants"));
    }
}
