package io.github.migrationtest.verifier.snapshot;

/** Reads the indexes of tables and materialized views, including those behind constraints. */
final class IndexReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, i.relname, c.relname, k.conname,
                   case when k.conname is null then pg_get_indexdef(x.indexrelid) end, x.indisclustered, not x.indisvalid,
                   %s,
                   (select string_agg(a.attnum || ': ' || a.attstattarget, ', ' order by a.attnum) from pg_attribute a
                    where a.attrelid = x.indexrelid and a.attnum > 0 and a.attstattarget >= 0),
                   case when c.relkind = 'm' then 'VIEW' else 'TABLE' end as unit_kind, x.indrelid as unit_oid, x.indexrelid as member_oid
            from pg_index x
            join pg_class i on i.oid = x.indexrelid
            join pg_class c on c.oid = x.indrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join lateral (select k.conname from pg_constraint k where k.conrelid = x.indrelid
                 and k.conindid = x.indexrelid and k.contype in ('p', 'u', 'x') offset 0) k on true
            where c.relkind in ('r', 'p', 'm') and %s and %s""".formatted(
            ReadScope.comment("pg_class", "i.oid"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES_AND_VIEWS, "pg_class", SQL, row -> scope.excludesTable(row.getString(1), row.getString(3)) ? null
                : new Index(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        scope.expression(row.getString(5)), row.getBoolean(6), row.getBoolean(7), row.getString(8),
                        row.getString(9)));
    }
}
