package io.github.migrationtest.verifier.snapshot;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads views and materialized views with their pretty-printed definitions, and their columns' defaults and comments
 * (two arrays each, names and values, in column order).
 */
final class ViewReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
                   nullif(array_to_string(c.reloptions, ', '), ''),
                   %s, %s,
                   array(select a.attname::text from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid
                         and a.attnum = d.adnum where d.adrelid = c.oid order by a.attnum),
                   array(select pg_get_expr(d.adbin, d.adrelid) from pg_attrdef d join pg_attribute a
                         on a.attrelid = d.adrelid and a.attnum = d.adnum where d.adrelid = c.oid order by a.attnum),
                   array(select a.attname::text from pg_description cm join pg_attribute a on a.attrelid = cm.objoid
                         and a.attnum = cm.objsubid where cm.objoid = c.oid and cm.classoid = 'pg_class'::regclass
                         and cm.objsubid > 0 order by a.attnum),
                   array(select cm.description from pg_description cm join pg_attribute a on a.attrelid = cm.objoid
                         and a.attnum = cm.objsubid where cm.objoid = c.oid and cm.classoid = 'pg_class'::regclass
                         and cm.objsubid > 0 order by a.attnum),
                   'VIEW' as unit_kind, c.oid as unit_oid, null::oid as member_oid
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('v', 'm') and %s and %s""".formatted(
            ReadScope.comment("pg_class", "c.oid"), ReadScope.grants("c.relacl", 'r', "c.relowner"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.VIEWS, null, SQL, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new View(row.getString(1), row.getString(2), row.getBoolean(3), scope.expression(row.getString(4)),
                        row.getString(5), byColumn(row.getArray(8), row.getArray(9), scope), row.getString(6),
                        byColumn(row.getArray(10), row.getArray(11), null), row.getString(7)));
    }

    /** Names and values, paired in order; a default's expression normalised as any stored expression is. */
    private static Map<String, String> byColumn(Array names, Array values, ReadScope expressions) throws SQLException {
        String[] columns = (String[]) names.getArray();
        String[] texts = (String[]) values.getArray();
        Map<String, String> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            byColumn.put(columns[i], expressions == null ? texts[i] : expressions.expression(texts[i]));
        }
        return byColumn;
    }
}
