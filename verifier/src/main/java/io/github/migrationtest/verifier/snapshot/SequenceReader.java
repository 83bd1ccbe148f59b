package io.github.migrationtest.verifier.snapshot;

/** Reads sequence definitions and owners (never their positions). */
final class SequenceReader implements CatalogReader {
    private static final String SQL = """
            select n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin,
                   s.seqmax, s.seqcache, s.seqcycle, o.nspname, o.relname, o.attname, o.deptype = 'i',
                   %s, %s,
                   'SEQUENCE' as unit_kind, c.oid as unit_oid, null::oid as member_oid
            from pg_sequence s
            join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace
            left join lateral (select tn.nspname, t.relname, a.attname, d.deptype from pg_depend d
                 join pg_class t on t.oid = d.refobjid
                 join pg_namespace tn on tn.oid = t.relnamespace
                 join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
                 where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass
                   and d.deptype in ('a', 'i') offset 0) o on true
            where %s and %s""".formatted(
            ReadScope.comment("pg_class", "c.oid"), ReadScope.grants("c.relacl", 's', "c.relowner"),
            ReadScope.inSchemas("c.relnamespace"), ReadScope.notExtensionMember("pg_class", "c.oid"));

    @Override
    public void read(ReadScope scope) {
        scope.query(ReadUnit.SEQUENCES, null, SQL, row -> {
            String ownerSchema = row.getString(10);
            String ownerTable = row.getString(11);
            if (ownerTable != null && scope.excludesTable(ownerSchema, ownerTable)) {
                return null;
            }
            String ownedBy = ownerTable == null ? null : Identifiers.qualify(ownerSchema, ownerTable, row.getString(12));
            return new Sequence(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
                    row.getLong(6), row.getLong(7), row.getLong(8), row.getBoolean(9), ownedBy, row.getBoolean(13),
                    row.getString(14), row.getString(15));
        });
    }
}
