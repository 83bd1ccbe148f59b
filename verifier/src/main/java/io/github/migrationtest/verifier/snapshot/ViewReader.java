package io.github.migrationtest.verifier.snapshot;

/** Reads views and materialized views with their pretty-printed definitions. */
final class ViewReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
                   nullif(array_to_string(c.reloptions, ', '), ''),
                   %s, %s,
                   'VIEW' as unit_kind, c.oid as unit_oid, null::oid as member_oid
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('v', 'm') and %s and %s""".formatted(
            ReadScope.comment("pg_class", "c.oid"), ReadScope.grants("c.relacl", 'r', "c.relowner"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.VIEWS, null, SQL, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new View(row.getString(1), row.getString(2), row.getBoolean(3), scope.expression(row.getString(4)),
                        row.getString(5), row.getString(6), row.getString(7)));
    }
}
