package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.CatalogObject;
import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.CompositeType;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.DatabaseObject;
import io.github.migrationtest.verifier.snapshot.DomainType;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.Policy;
import io.github.migrationtest.verifier.snapshot.RangeType;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.Rule;
import io.github.migrationtest.verifier.snapshot.Schema;
import io.github.migrationtest.verifier.snapshot.SchemaMember;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.TableObject;
import io.github.migrationtest.verifier.snapshot.Trigger;
import io.github.migrationtest.verifier.snapshot.View;

/** How statements name an object: {@code TABLE public.users}, {@code CONSTRAINT users_pkey ON public.users}. */
final class Targets {
    /** What privileges on a new function or type are before any GRANT: Postgres's built-in default. */
    static final String PUBLIC_EXECUTE = "PUBLIC: EXECUTE";
    static final String PUBLIC_USAGE = "PUBLIC: USAGE";

    private Targets() {
    }

    /** The object's own name in SQL: {@code public."Order"}, {@code public.add(a integer, b integer)}. */
    static String name(SchemaObject object) {
        if (object instanceof Routine routine) {
            return Sql.name(routine.schema(), routine.name()) + "(" + routine.identityArguments() + ")";
        }
        if (object instanceof SchemaMember member) {
            return Sql.name(member.schema(), member.name());
        }
        if (object instanceof Schema schema) {
            return Sql.name(schema.name());
        }
        if (object instanceof TableObject child) {
            return Sql.name(child.name());
        }
        if (object instanceof CatalogObject catalogObject) {
            return catalogObject.identity();
        }
        return Sql.name(((DatabaseObject) object).name()); // an extension or an event trigger
    }

    /** The table a column, constraint, trigger or policy belongs to, or an index is on. */
    static String table(SchemaObject object) {
        if (object instanceof Index index) {
            return Sql.name(index.schema(), index.table());
        }
        TableObject child = (TableObject) object;
        return Sql.name(child.schema(), child.table());
    }

    /**
     * The object as a statement names it after its verb ({@code COMMENT ON}, {@code DROP}):
     * {@code TYPE public.mood}, {@code TRIGGER t_touch ON public.t}, {@code COLUMN public.t.a}.
     */
    static String named(SchemaObject object) {
        if (object instanceof Column column) {
            return "COLUMN " + Sql.name(column.schema(), column.table(), column.name());
        }
        if (object instanceof Constraint || object instanceof Trigger || object instanceof Rule
                || object instanceof Policy) {
            return keyword(object) + " " + name(object) + " ON " + table(object);
        }
        return keyword(object) + " " + name(object);
    }

    /**
     * The statement that drops the object on its own: {@code DROP TYPE public.mood}, {@code DROP
     * POLICY p ON public.t}. Not for columns and constraints, which {@code ALTER TABLE} drops.
     */
    static String drop(SchemaObject object) {
        if (object instanceof Column || object instanceof Constraint) {
            throw new IllegalArgumentException("dropped through ALTER TABLE, not DROP: " + object.path());
        }
        return "DROP " + named(object);
    }

    /** What follows {@code GRANT ... ON}, or {@code null} for objects without privileges. */
    static String grantOn(SchemaObject object) {
        if (object instanceof Table || object instanceof View) {
            return "TABLE " + name(object);
        }
        if (object instanceof Column column) {
            return "TABLE " + Sql.name(column.schema(), column.table());
        }
        if (object instanceof Sequence || object instanceof Routine || object instanceof Schema
                || object instanceof DomainType || object instanceof EnumType || object instanceof CompositeType
                || object instanceof RangeType) {
            return keyword(object) + " " + name(object);
        }
        return null;
    }

    /** The privileges an object has when it is created, as the snapshot writes them. */
    static String defaultGrants(SchemaObject object) {
        if (object instanceof Routine) {
            return PUBLIC_EXECUTE;
        }
        if (object instanceof DomainType || object instanceof EnumType || object instanceof CompositeType
                || object instanceof RangeType) {
            return PUBLIC_USAGE;
        }
        return null;
    }

    /** The word SQL uses for the object's kind: {@code TABLE}, {@code MATERIALIZED VIEW}, {@code DOMAIN}. */
    static String keyword(SchemaObject object) {
        return switch (object.kind()) {
            case ENUM, COMPOSITE_TYPE, RANGE_TYPE -> "TYPE";
            default -> object.kind().keyword().toUpperCase(java.util.Locale.ROOT);
        };
    }
}
