package io.github.migrationtest.verifier.snapshot;

/**
 * Reads functions and procedures. Aggregates are left out: their definition lives in
 * pg_aggregate and migrations rarely create them. So are functions Postgres made for a type
 * (a range's constructors), which come and go with the type.
 */
final class RoutineReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind = 'p',
                   nullif(pg_get_function_arguments(p.oid), ''),
                   case when p.prokind <> 'p' then pg_get_function_result(p.oid) end,
                   l.lanname, p.prokind = 'w',
                   case when p.prokind <> 'p' then case p.provolatile when 'i' then 'immutable' when 's' then 'stable'
                        else 'volatile' end end,
                   p.proisstrict, p.prosecdef, p.proleakproof,
                   case when p.prokind <> 'p' then case p.proparallel when 's' then 'safe' when 'r' then 'restricted'
                        else 'unsafe' end end,
                   case when p.prokind <> 'p' then p.procost::text end,
                   case when p.proretset then p.prorows::text end,
                   nullif(array_to_string(p.proconfig, ', '), ''),
                   coalesce(pg_get_function_sqlbody(p.oid), p.prosrc),
                   %s, %s,
                   'ROUTINE' as unit_kind, p.oid as unit_oid, null::oid as member_oid
            from pg_proc p
            join pg_namespace n on n.oid = p.pronamespace
            join pg_language l on l.oid = p.prolang
            where p.prokind in ('f', 'p', 'w') and %s and %s and %s""".formatted(
            ReadScope.comment("pg_proc", "p.oid"),
            ReadScope.grants("p.proacl", 'f', "p.proowner"), ReadScope.inSchemas("p.pronamespace"),
            ReadScope.notExtensionMember("pg_proc", "p.oid"), ReadScope.hasNoDependency("pg_proc", "p.oid", 'i'));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.ROUTINES, null, SQL, row -> new Routine(row.getString(1), row.getString(2), row.getString(3),
                row.getBoolean(4), row.getString(5), row.getString(6), row.getString(7),
                row.getBoolean(8), row.getString(9), row.getBoolean(10), row.getBoolean(11), row.getBoolean(12),
                row.getString(13), row.getString(14), row.getString(15), row.getString(16),
                row.getString(17), row.getString(18), row.getString(19)));
    }
}
