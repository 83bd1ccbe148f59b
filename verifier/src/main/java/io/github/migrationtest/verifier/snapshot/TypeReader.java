package io.github.migrationtest.verifier.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads user-defined enum, domain, composite and range types. A table's row type is the table;
 * array and multirange types come with their element type and are not listed.
 */
final class TypeReader implements CatalogReader {
    private static final String TYPE_FILTER = ReadScope.inSchemas("t.typnamespace") + " and "
            + ReadScope.notExtensionMember("pg_type", "t.oid");
    private static final String GRANTS = ReadScope.grants("t.typacl", 'T', "t.typowner");

    private static final String ENUMS = """
            select n.nspname, t.typname, array(select e.enumlabel from pg_enum e where e.enumtypid = t.oid
                   order by e.enumsortorder),
                   %s, %s,
                   'TYPE' as unit_kind, t.oid as unit_oid, null::oid as member_oid
            from pg_type t join pg_namespace n on n.oid = t.typnamespace
            where t.typtype = 'e' and %s""".formatted(ReadScope.comment("pg_type", "t.oid"), GRANTS, TYPE_FILTER);

    private static final String DOMAINS = """
            select n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, %s,
                   array(select k.conname from pg_constraint k where k.contypid = t.oid and k.contype = 'c'
                         order by k.conname),
                   array(select pg_get_constraintdef(k.oid) from pg_constraint k where k.contypid = t.oid
                         and k.contype = 'c' order by k.conname),
                   %s, %s,
                   'TYPE' as unit_kind, t.oid as unit_oid, null::oid as member_oid
            from pg_type t join pg_namespace n on n.oid = t.typnamespace
            join pg_type b on b.oid = t.typbasetype
            where t.typtype = 'd' and %s""".formatted(ReadScope.collation("t.typcollation", "b.typcollation"),
            ReadScope.comment("pg_type", "t.oid"),
            GRANTS, TYPE_FILTER);

    private static final String COMPOSITES = """
            select n.nspname, t.typname,
                   array(select a.attname from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0
                         and not a.attisdropped order by a.attnum),
                   array(select format_type(a.atttypid, a.atttypmod) || coalesce(' COLLATE ' || %s, '')
                         from pg_attribute a join pg_type at on at.oid = a.atttypid
                         where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped order by a.attnum),
                   %s, %s,
                   cm.attributes, cm.comments,
                   'TYPE' as unit_kind, t.oid as unit_oid, null::oid as member_oid
            from pg_type t join pg_namespace n on n.oid = t.typnamespace
            join pg_class c on c.oid = t.typrelid
            cross join lateral (select array_agg(a.attname::text order by a.attnum) as attributes,
                   array_agg(ds.description order by a.attnum) as comments
                   from pg_description ds join pg_attribute a on a.attrelid = ds.objoid and a.attnum = ds.objsubid
                   where ds.objoid = t.typrelid and ds.classoid = 'pg_class'::regclass and ds.objsubid > 0 offset 0) cm
            where t.typtype = 'c' and c.relkind = 'c' and %s""".formatted(
            ReadScope.collation("a.attcollation", "at.typcollation"),
            ReadScope.comment("pg_type", "t.oid"), GRANTS, TYPE_FILTER);

    private static final String RANGES = """
            select n.nspname, t.typname, format_type(r.rngsubtype, null), oc.opcname, %s,
                   nullif(r.rngcanonical, 0)::regproc::text, nullif(r.rngsubdiff, 0)::regproc::text,
                   format_type(nullif(r.rngmultitypid, 0), null),
                   %s, %s,
                   'TYPE' as unit_kind, t.oid as unit_oid, null::oid as member_oid
            from pg_range r
            join pg_type t on t.oid = r.rngtypid
            join pg_namespace n on n.oid = t.typnamespace
            join pg_type st on st.oid = r.rngsubtype
            join pg_opclass oc on oc.oid = r.rngsubopc
            where %s""".formatted(ReadScope.collation("r.rngcollation", "st.typcollation"),
            ReadScope.comment("pg_type", "t.oid"), GRANTS, TYPE_FILTER);

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TYPES, null, ENUMS, row -> new EnumType(row.getString(1), row.getString(2),
                Arrays.asList(strings(row, 3)), row.getString(4), row.getString(5)));
        scope.query(ReadUnit.TYPES, null, DOMAINS, row -> new DomainType(row.getString(1), row.getString(2), row.getString(3),
                row.getBoolean(4), scope.expression(row.getString(5)), row.getString(6),
                zip(strings(row, 7), expressions(scope, strings(row, 8))),
                row.getString(9), row.getString(10)));
        scope.query(ReadUnit.TYPES, null, COMPOSITES, row -> new CompositeType(row.getString(1), row.getString(2),
                zip(strings(row, 3), strings(row, 4)), row.getString(5), row.getString(6),
                row.getArray(7) == null ? Map.of() : zip(strings(row, 7), strings(row, 8))));
        scope.query(ReadUnit.TYPES, null, RANGES, row -> new RangeType(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                row.getString(9), row.getString(10)));
    }

    private static String[] strings(ResultSet row, int column) throws SQLException {
        return (String[]) row.getArray(column).getArray();
    }

    private static String[] expressions(ReadScope scope, String[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = scope.expression(values[i]);
        }
        return values;
    }

    private static Map<String, String> zip(String[] names, String[] values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], values[i]);
        }
        return out;
    }
}
