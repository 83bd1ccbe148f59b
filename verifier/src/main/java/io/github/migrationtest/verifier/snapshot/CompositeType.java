package io.github.migrationtest.verifier.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A composite type: its attributes in order, each with its type (and collation when not the default). */
public record CompositeType(String schema, String name, Map<String, String> attributes, String comment,
        String grants, Map<String, String> attributeComments) implements SchemaMember {

    private static final String ATTRIBUTE = "attribute ";
    private static final String ATTRIBUTE_COMMENT = "attribute comment ";

    public CompositeType {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        attributeComments = Collections.unmodifiableMap(new LinkedHashMap<>(attributeComments));
    }

    /** A type none of whose attributes has a comment ({@code COMMENT ON COLUMN type.attribute}). */
    public CompositeType(String schema, String name, Map<String, String> attributes, String comment, String grants) {
        this(schema, name, attributes, comment, grants, Map.of());
    }

    /** Attribute order is part of the type (it is the field order of its values), which map equality ignores. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CompositeType type && schema.equals(type.schema) && name.equals(type.name)
                && List.copyOf(attributes.entrySet()).equals(List.copyOf(type.attributes.entrySet()))
                && Objects.equals(comment, type.comment) && Objects.equals(grants, type.grants)
                && attributeComments.equals(type.attributeComments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, name, attributes, comment, grants, attributeComments);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.COMPOSITE_TYPE;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().putAll(ATTRIBUTE, attributes).put("comment", comment)
                .putAll(ATTRIBUTE_COMMENT, attributeComments).put("grants", grants).build();
    }

    static CompositeType read(Identifiers.Split name, PropertyReader p) {
        return new CompositeType(name.part(0, "type"), name.part(1, "type"), p.named(ATTRIBUTE, ATTRIBUTE_COMMENT),
                p.get("comment"), p.get("grants"), p.named(ATTRIBUTE_COMMENT));
    }
}
