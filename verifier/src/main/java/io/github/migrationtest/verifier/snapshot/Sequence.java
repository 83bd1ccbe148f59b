package io.github.migrationtest.verifier.snapshot;

import java.util.Map;

/**
 * A sequence's definition and owner, never its current value. Identity columns' sequences are
 * listed too, marked {@code identity}, so their options are compared.
 */
public record Sequence(String schema, String name, String type, long start, long increment, long minValue,
        long maxValue, long cache, boolean cycle, String ownedBy, boolean identity, String comment, String grants)
        implements SchemaMember {

    @Override
    public ObjectKind kind() {
        return ObjectKind.SEQUENCE;
    }

    @Override
    public Map<String, String> properties() {
        return new Props()
                .put("type", type)
                .put("start", Long.toString(start))
                .put("increment", Long.toString(increment))
                .put("min", Long.toString(minValue))
                .put("max", Long.toString(maxValue))
                .put("cache", Long.toString(cache))
                .flag("cycle", cycle)
                .put("owned by", ownedBy)
                .flag("identity", identity)
                .put("comment", comment)
                .put("grants", grants)
                .build();
    }

    static Sequence read(Identifiers.Split name, PropertyReader p) {
        return new Sequence(name.part(0, "sequence"), name.part(1, "sequence"), p.require("type"), p.number("start"),
                p.number("increment"), p.number("min"), p.number("max"), p.number("cache"), p.flag("cycle"),
                p.get("owned by"), p.flag("identity"), p.get("comment"), p.get("grants"));
    }
}
