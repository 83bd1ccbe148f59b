package io.github.migrationtest.verifier.snapshot;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads views and materialized views with their pretty-printed definitions, and their columns' defaults, comments and
 * statistics targets (two arrays each, names and values, in column order, from one lookup per view in {@code
 * pg_attrdef}, one in {@code pg_description} and one in {@code pg_attribute}).
 */
final class ViewReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
                   nullif(array_to_string(c.reloptions, ', '), ''),
                   %s, %s,
                   d.columns as default_columns, d.defaults, cm.columns as comment_columns, cm.comments,
                   st.columns as statistics_columns, st.targets,
                   'VIEW' as unit_kind, c.oid as unit_oid, null::oid as member_oid
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            cross join lateral (select array_agg(a.attname::text order by a.attnum) as columns,
                   array_agg(pg_get_expr(ad.adbin, ad.adrelid) order by a.attnum) as defaults
                   from pg_attrdef ad join pg_attribute a on a.attrelid = ad.adrelid and a.attnum = ad.adnum
                   where ad.adrelid = c.oid offset 0) d
            cross join lateral (select array_agg(a.attname::text order by a.attnum) as columns,
                   array_agg(ds.description order by a.attnum) as comments
                   from pg_description ds join pg_attribute a on a.attrelid = ds.objoid and a.attnum = ds.objsubid
                   where ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid > 0 offset 0) cm
            cross join lateral (select array_agg(a.attname::text order by a.attnum) as columns,
                   array_agg(a.attstattarget::text order by a.attnum) as targets
                   from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and a.attstattarget >= 0
                   and not a.attisdropped offset 0) st
            where c.relkind in ('v', 'm') and %s and %s""".formatted(
            ReadScope.comment("pg_class", "c.oid"), ReadScope.grants("c.relacl", 'r', "c.relowner"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.VIEWS, null, SQL, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new View(row.getString(1), row.getString(2), row.getBoolean(3), scope.expression(row.getString(4)),
                        row.getString(5), byColumn(row.getArray(8), row.getArray(9), scope), row.getString(6),
                        byColumn(row.getArray(10), row.getArray(11), null), row.getString(7),
                        byColumn(row.getArray(12), row.getArray(13), null)));
    }

    /**
     * Names and values, paired in order (null arrays: none); a default's expression normalised as any stored expression
     * is.
     */
    private static Map<String, String> byColumn(Array names, Array values, ReadScope expressions) throws SQLException {
        if (names == null) {
            return Map.of();
        }
        String[] columns = (String[]) names.getArray();
        String[] texts = (String[]) values.getArray();
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            byColumn.put(columns[i], expressions == null ? texts[i] : expressions.expression(texts[i]));
        }
        return byColumn;
    }
}
