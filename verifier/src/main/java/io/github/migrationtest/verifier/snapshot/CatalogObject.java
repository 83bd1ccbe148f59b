package io.github.migrationtest.verifier.snapshot;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An object of a kind few histories make and that nothing else in a snapshot describes: a collation, a text search
 * configuration or dictionary, a foreign-data wrapper, server, user mapping or foreign table, an aggregate, operator,
 * operator class or family, a cast or a conversion. A downgrade that leaves one behind fails like one that leaves a
 * table; before, only an upgrade run again after it could show it ("already exists"), and not at all where it says
 * {@code IF NOT EXISTS}.
 *
 * @param identity how SQL names it after its kind's words ({@code public.mysum(integer)}, {@code (text AS public.t)},
 *     {@code public.ops USING btree}, {@code FOR CURRENT_USER SERVER s}); {@code DROP <kind> <identity>} drops it
 * @param schema its schema; null for the database-wide kinds (wrappers, servers, user mappings, casts)
 * @param definition what it is, written from its catalog row, names for OIDs: compared as a whole; null when there is
 *     nothing to say (a foreign-data wrapper without handler, validator or options)
 */
public record CatalogObject(ObjectKind kind, String schema, String identity, String definition, String comment)
        implements SchemaObject {

    /** The kinds this record holds. */
    public static final Set<ObjectKind> KINDS = EnumSet.range(ObjectKind.COLLATION, ObjectKind.CONVERSION);

    public CatalogObject {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("not a catalog object's kind: " + kind);
        }
    }

    @Override
    public String qualifiedName() {
        return identity;
    }

    @Override
    public String owner() {
        return identity;
    }

    @Override
    public Map<String, String> properties() {
        return new Props().put("definition", definition).put("comment", comment).build();
    }

    /** Read from the text form: the schema is the identity's first part where the kind has one. */
    static CatalogObject read(ObjectKind kind, String identity, PropertyReader p) {
        String schema = switch (kind) {
            case FOREIGN_DATA_WRAPPER, SERVER, USER_MAPPING, CAST -> null;
            default -> Identifiers.split(identity).part(0, kind.keyword());
        };
        return new CatalogObject(kind, schema, identity, p.get("definition"), p.get("comment"));
    }
}
