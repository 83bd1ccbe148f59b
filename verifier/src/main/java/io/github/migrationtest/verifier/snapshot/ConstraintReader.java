package io.github.migrationtest.verifier.snapshot;

/**
 * Reads primary key, unique, foreign key, check and exclusion constraints. Not-null constraints
 * (Postgres 18 lists them) are the columns' {@code not null}; the per-partition copies Postgres
 * makes of a foreign key that references a partitioned table are its bookkeeping, not user objects.
 */
final class ConstraintReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid),
                   %s,
                   'TABLE' as unit_kind, k.conrelid as unit_oid, k.oid as member_oid
            from pg_constraint k
            join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            where k.contype in ('p', 'u', 'f', 'c', 'x') and %s and %s
              and not exists (select 1 from pg_constraint p where p.oid = k.conparentid and p.conrelid = k.conrelid)
            """.formatted(
            ReadScope.comment("pg_constraint", "k.oid"), ReadScope.inSchemas("c.relnamespace"),
            ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.TABLES, "pg_constraint", SQL, row -> scope.excludesTable(row.getString(1), row.getString(2)) ? null
                : new Constraint(row.getString(1), row.getString(2), row.getString(3), scope.expression(row.getString(4)),
                        row.getString(5)));
    }
}
