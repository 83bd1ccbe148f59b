package io.github.migrationtest.verifier.lint;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Columns, primary keys, indexes and foreign keys of the linted schemas in one query each, shaped as JDBC's
 * {@code getColumns}, {@code getPrimaryKeys}, {@code getIndexInfo} and {@code getImportedKeys} results, for
 * SchemaCrawler to read instead of calling those once per table (minutes on a 400-table schema of a busy server).
 * An index lists its key columns only: INCLUDE columns do not lead lookups.
 */
final class CatalogQueries {

    /**
     * The columns of the tables, in order: what keys and indexes name. JDBC's {@code getColumns} once per table was
     * most of a lint (about a hundred round trips on generated-200's head, each planned anew). The linters run look
     * at names and key columns, never at a column's type: its JDBC type is {@code OTHER}, its name Postgres's.
     */
    private static final String TABLE_COLUMNS = """
            select current_database() as "TABLE_CAT", n.nspname as "TABLE_SCHEM", c.relname as "TABLE_NAME",
                   a.attname as "COLUMN_NAME", 1111 as "DATA_TYPE", t.typname as "TYPE_NAME",
                   a.attnum::int as "ORDINAL_POSITION", (case when a.attnotnull then 0 else 1 end) as "NULLABLE",
                   (case when a.attnotnull then 'NO' else 'YES' end) as "IS_NULLABLE",
                   pg_get_expr(d.adbin, d.adrelid) as "COLUMN_DEF",
                   (case when a.attidentity <> '' or pg_get_expr(d.adbin, d.adrelid) like 'nextval(%%' then 'YES'
                        else 'NO' end) as "IS_AUTOINCREMENT",
                   (case when a.attgenerated <> '' then 'YES' else 'NO' end) as "IS_GENERATEDCOLUMN"
            from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
            join pg_type t on t.oid = a.atttypid
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and n.nspname in (%s)
            order by 2, 3, 7""";

    private static final String PRIMARY_KEYS = """
            select current_database() as "TABLE_CAT", n.nspname as "TABLE_SCHEM", t.relname as "TABLE_NAME",
                   a.attname as "COLUMN_NAME", k.ord::smallint as "KEY_SEQ", c.conname as "PK_NAME"
            from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
            cross join lateral unnest(c.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
            where c.contype = 'p' and n.nspname in (%s)
            order by 2, 3, 5""";

    private static final String INDEXES = """
            select current_database() as "TABLE_CAT", n.nspname as "TABLE_SCHEM", t.relname as "TABLE_NAME",
                   not i.indisunique as "NON_UNIQUE", null::text as "INDEX_QUALIFIER", ic.relname as "INDEX_NAME",
                   3::smallint as "TYPE", k.ord::smallint as "ORDINAL_POSITION",
                   coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.ord::int, false)) as "COLUMN_NAME",
                   'A'::text as "ASC_OR_DESC", ic.reltuples::bigint as "CARDINALITY", ic.relpages::bigint as "PAGES",
                   pg_get_expr(i.indpred, i.indrelid) as "FILTER_CONDITION"
            from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
            join pg_namespace n on n.oid = t.relnamespace
            cross join lateral unnest((string_to_array(i.indkey::text, ' ')::int2[])[1:i.indnkeyatts])
                with ordinality k(attnum, ord)
            left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum and k.attnum > 0
            where n.nspname in (%s)
            order by 2, 3, 6, 8""";

    private static final String FOREIGN_KEYS = """
            select current_database() as "PKTABLE_CAT", pn.nspname as "PKTABLE_SCHEM", pt.relname as "PKTABLE_NAME",
                   pa.attname as "PKCOLUMN_NAME",
                   current_database() as "FKTABLE_CAT", fn.nspname as "FKTABLE_SCHEM", ft.relname as "FKTABLE_NAME",
                   fa.attname as "FKCOLUMN_NAME", k.ord::smallint as "KEY_SEQ",
                   %2$s as "UPDATE_RULE", %3$s as "DELETE_RULE", c.conname as "FK_NAME", null::text as "PK_NAME",
                   (case when c.condeferrable and c.condeferred then 5 when c.condeferrable then 6 else 7 end)::smallint
                       as "DEFERRABILITY"
            from pg_constraint c
            join pg_class ft on ft.oid = c.conrelid join pg_namespace fn on fn.oid = ft.relnamespace
            join pg_class pt on pt.oid = c.confrelid join pg_namespace pn on pn.oid = pt.relnamespace
            cross join lateral unnest(c.conkey, c.confkey) with ordinality k(fk, pk, ord)
            join pg_attribute fa on fa.attrelid = ft.oid and fa.attnum = k.fk
            join pg_attribute pa on pa.attrelid = pt.oid and pa.attnum = k.pk
            where c.contype = 'f' and fn.nspname in (%1$s)
            order by 6, 7, 12, 9""";

    /** JDBC's importedKey* numbers for Postgres's action letters. */
    private static final String RULE = "(case c.conf%stype when 'c' then 0 when 'r' then 1 when 'n' then 2"
            + " when 'd' then 4 else 3 end)::smallint";

    private CatalogQueries() {
    }

    static String tableColumns(Set<String> schemas) {
        return TABLE_COLUMNS.formatted(literals(schemas));
    }

    static String primaryKeys(Set<String> schemas) {
        return PRIMARY_KEYS.formatted(literals(schemas));
    }

    static String indexes(Set<String> schemas) {
        return INDEXES.formatted(literals(schemas));
    }

    static String foreignKeys(Set<String> schemas) {
        return FOREIGN_KEYS.formatted(literals(schemas), RULE.formatted("upd"), RULE.formatted("del"));
    }

    /** The schema names as SQL string literals: SchemaCrawler runs these queries without parameters. */
    private static String literals(Set<String> schemas) {
        return schemas.stream().sorted().map(s -> "'" + s.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }
}
