package io.github.migrationtest.verifier.snapshot;

/**
 * Reads user triggers (not the internal ones behind foreign keys), rules (not a view's own {@code _RETURN}) and
 * row-level security policies.
 */
final class TriggerReader implements CatalogReader {
    private static final String TRIGGERS = """
            select n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid),
                   case t.tgenabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end,
                   %s,
                   case when c.relkind in ('v', 'm') then 'VIEW' else 'TABLE' end as unit_kind, t.tgrelid as unit_oid, t.oid as member_oid
            from pg_trigger t
            join pg_class c on c.oid = t.tgrelid
            join pg_namespace n on n.oid = c.relnamespace
            where USER_TRIGGER and not starts_with(t.tgname, '%s') and %s and %s""".formatted(
            ReadScope.comment("pg_trigger", "t.oid"), GuardObjects.TRIGGER_PREFIX,
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    private static final String RULES = """
            select n.nspname, c.relname, r.rulename, rtrim(pg_get_ruledef(r.oid), ';'),
                   case r.ev_enabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end,
                   %s,
                   case when c.relkind in ('v', 'm') then 'VIEW' else 'TABLE' end as unit_kind, r.ev_class as unit_oid,
                   r.oid as member_oid
            from pg_rewrite r
            join pg_class c on c.oid = r.ev_class
            join pg_namespace n on n.oid = c.relnamespace
            where r.rulename <> '_RETURN' and %s and %s""".formatted(
            ReadScope.comment("pg_rewrite", "r.oid"), ReadScope.inSchemas("c.relnamespace"),
            ReadScope.notExtensionMember("pg_class", "c.oid"));

    private static final String POLICIES = """
            select n.nspname, c.relname, p.polname, not p.polpermissive,
                   case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                        when 'd' then 'DELETE' else 'ALL' end,
                   (select string_agg(case when r = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(r)) end, ', '
                        order by 1) from unnest(p.polroles) r),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),
                   %s,
                   'TABLE' as unit_kind, p.polrelid as unit_oid, p.oid as member_oid
            from pg_policy p
            join pg_class c on c.oid = p.polrelid
            join pg_namespace n on n.oid = c.relnamespace
            where %s and %s""".formatted(
            ReadScope.comment("pg_policy", "p.oid"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    /**
     * Before Postgres 15 a partition's clone of its parent's trigger is marked internal, as a foreign key's triggers
     * are, yet {@code ALTER TABLE partition DISABLE TRIGGER} and {@code COMMENT ON TRIGGER} change it alone, and
     * {@code pg_dump} shows them: from 13 a clone is told by its parent trigger (foreign keys' clones aside).
     */
    private static String triggers(int major) {
        return TRIGGERS.replace("USER_TRIGGER", major >= 13 ? """
                (not t.tgisinternal or t.tgparentid <> 0
                    and not exists (select from pg_constraint k where k.oid = t.tgconstraint and k.contype = 'f'))"""
                : "not t.tgisinternal");
    }

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES_AND_VIEWS, "pg_trigger", triggers(scope.majorVersion()), row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new Trigger(row.getString(1), row.getString(2), row.getString(3), scope.expression(row.getString(4)),
                        row.getString(5), row.getString(6)));
        if (scope.reads(UnitFilter.Also.RULES)) {
            scope.query(ReadUnit.TABLES_AND_VIEWS, "pg_rewrite", RULES, row -> scope.excludesTable(row.getString(1),
                    row.getString(2)) ? null : new Rule(row.getString(1), row.getString(2), row.getString(3),
                    scope.expression(row.getString(4)), row.getString(5), row.getString(6)));
        }
        scope.query(ReadUnit.TABLES, "pg_policy", POLICIES, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new Policy(row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getString(5), row.getString(6), scope.expression(row.getString(7)), scope.expression(row.getString(8)),
                        row.getString(9)));
    }
}
