package io.github.migrationtest.verifier.snapshot;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The part of a snapshot an incremental read re-reads as one: a relation with everything listed
 * under it (columns, constraints, indexes, triggers, policies), a type, or a routine. Units are
 * named by OID, which stays put when an object is renamed or moved to another schema.
 */
record ReadUnit(Kind kind, long oid) {
    static final Set<Kind> TABLES = EnumSet.of(Kind.TABLE);
    static final Set<Kind> TABLES_AND_VIEWS = EnumSet.of(Kind.TABLE, Kind.VIEW);
    static final Set<Kind> VIEWS = EnumSet.of(Kind.VIEW);
    static final Set<Kind> SEQUENCES = EnumSet.of(Kind.SEQUENCE);
    static final Set<Kind> TYPES = EnumSet.of(Kind.TYPE);
    static final Set<Kind> ROUTINES = EnumSet.of(Kind.ROUTINE);

    /**
     * What a unit is, which says which readers can find it and which catalog its OID is from (OIDs
     * are unique only within one catalog). A relation's kind never changes.
     */
    enum Kind {
        TABLE("pg_class"), VIEW("pg_class"), SEQUENCE("pg_class"), TYPE("pg_type"), ROUTINE("pg_proc");

        private final String catalog;

        Kind(String catalog) {
            this.catalog = catalog;
        }

        String catalog() {
            return catalog;
        }

        static List<Kind> ofCatalog(String catalog) {
            return Arrays.stream(values()).filter(kind -> kind.catalog.equals(catalog)).toList();
        }
    }

    /**
     * An object's own catalog row when it is listed under a unit (an index, constraint, trigger or
     * policy): once it is dropped, the catalogs no longer say which table it was on, but we do.
     */
    record Member(String catalog, long oid) {
    }
}
