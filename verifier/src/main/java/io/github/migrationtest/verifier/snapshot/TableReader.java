package io.github.migrationtest.verifier.snapshot;

import java.sql.Array;

/**
 * Reads tables, partitioned tables and partitions with their storage, partitioning and RLS flags. The options
 * include the TOAST table's, as {@code toast.<name>=<value>}, the way {@code ALTER TABLE ... SET} takes them.
 */
final class TableReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, c.relpersistence = 'u',
                   case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end,
                   case when c.relispartition then (select array[pn.nspname::text, p.relname::text] from pg_inherits i
                        join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
                        where i.inhrelid = c.oid) end,
                   case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end,
                   case when not c.relispartition then (select string_agg(quote_ident(pn.nspname) || '.'
                        || quote_ident(p.relname), ', ' order by i.inhseqno) from pg_inherits i
                        join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
                        where i.inhrelid = c.oid) end,
                   c.relrowsecurity, c.relforcerowsecurity,
                   nullif(array_to_string(c.reloptions || array(select 'toast.' || o from pg_class t,
                        unnest(t.reloptions) o where t.oid = c.reltoastrelid), ', '), ''),
                   %s,
                   %s,
                   case c.relreplident when 'n' then 'NOTHING' when 'f' then 'FULL' when 'i' then coalesce('USING INDEX '
                        || (select quote_ident(i.relname) from pg_index x join pg_class i on i.oid = x.indexrelid
                            where x.indrelid = c.oid and x.indisreplident), 'NOTHING') end,
                   'TABLE' as unit_kind, c.oid as unit_oid, null::oid as member_oid
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and %s and %s""".formatted(
            ReadScope.comment("pg_class", "c.oid"),
            ReadScope.grants("c.relacl", 'r', "c.relowner"), ReadScope.inSchemas("c.relnamespace"),
            ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES, null, SQL, row -> {
            if (scope.excludesTable(row.getString(1), row.getString(2))) {
                return null;
            }
            // The parent's schema and name apart: either may hold a dot, so a dotted string cannot be split back.
            Array parent = row.getArray(5);
            return new Table(row.getString(1), row.getString(2), row.getBoolean(3), row.getString(4),
                    parent == null ? null : Identifiers.qualify((String[]) parent.getArray()), row.getString(6),
                    row.getString(7), row.getBoolean(8), row.getBoolean(9), row.getString(10),
                    row.getString(11), row.getString(12), row.getString(13));
        });
    }
}
