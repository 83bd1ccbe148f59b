package io.github.migrationtest.verifier.snapshot;

/**
 * Reads extended statistics objects, in the unit of the table or materialized view they are on. The target is -1 for
 * the default before Postgres 17 and null from 17 on; both are read as none.
 */
final class StatisticsReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, s.stxname, tn.nspname, c.relname, pg_get_statisticsobjdef(s.oid),
                   nullif(s.stxstattarget::int, -1)::text, %s,
                   case when c.relkind = 'm' then 'VIEW' else 'TABLE' end as unit_kind, s.stxrelid as unit_oid,
                   s.oid as member_oid
            from pg_statistic_ext s
            join pg_namespace n on n.oid = s.stxnamespace
            join pg_class c on c.oid = s.stxrelid
            join pg_namespace tn on tn.oid = c.relnamespace
            where %s and %s""".formatted(ReadScope.comment("pg_statistic_ext", "s.oid"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_statistic_ext", "s.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES_AND_VIEWS, "pg_statistic_ext", SQL,
                row -> scope.excludesTable(row.getString(3), row.getString(4)) ? null
                        : new Statistics(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                scope.expression(row.getString(5)), row.getString(6), row.getString(7)));
    }
}
