package io.github.migrationtest.verifier.snapshot;

/** Reads the columns of every table, numbering them by position without the gaps dropped columns leave. */
final class ColumnReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, a.attname,
                   row_number() over (partition by a.attrelid order by a.attnum)::int,
                   format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
                   case a.attidentity when 'a' then 'ALWAYS' when 'd' then 'BY DEFAULT' end,
                   case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end,
                   %s,
                   case when a.attstorage <> t.typstorage then case a.attstorage when 'p' then 'PLAIN'
                        when 'e' then 'EXTERNAL' when 'm' then 'MAIN' when 'x' then 'EXTENDED' end end,
                   case a.attcompression when 'p' then 'pglz' when 'l' then 'lz4' end,
                   %s,
                   case when a.attacl is not null then %s end,
                   nullif(a.attstattarget, -1)::text, nullif(array_to_string(array(select o from unnest(a.attoptions) o
                        where not starts_with(o, 'pg_attver=')), ', '), ''),
                   'TABLE' as unit_kind, a.attrelid as unit_oid, null::oid as member_oid
            from pg_attribute a
            join pg_class c on c.oid = a.attrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_type t on t.oid = a.atttypid
            left join lateral (select d.adbin, d.adrelid from pg_attrdef d where a.atthasdef
                 and d.adrelid = a.attrelid and d.adnum = a.attnum offset 0) d on true
            where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and %s and %s""".formatted(
            ReadScope.collation("a.attcollation", "t.typcollation"),
            ReadScope.comment("pg_class", "a.attrelid", "a.attnum"),
            ReadScope.grants("a.attacl", 'c', "c.relowner"), ReadScope.inSchemas("c.relnamespace"),
            ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES, null, SQL, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new Column(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5),
                        row.getBoolean(6), scope.expression(row.getString(7)), row.getString(8),
                        scope.expression(row.getString(9)), row.getString(10),
                        row.getString(11), row.getString(12), row.getString(13), row.getString(14),
                        row.getString(15), row.getString(16)));
    }
}
