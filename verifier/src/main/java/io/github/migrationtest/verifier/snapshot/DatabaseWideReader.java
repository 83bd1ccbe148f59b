package io.github.migrationtest.verifier.snapshot;

/**
 * Reads extensions, event triggers, settings, default privileges and publications, which belong to the database rather
 * than a schema.
 */
final class DatabaseWideReader implements CatalogReader {
    private static final String EXTENSIONS = """
            select x.extname, x.extversion, n.nspname,
                   %s as comment
            from pg_extension x join pg_namespace n on n.oid = x.extnamespace""".formatted(
            ReadScope.comment("pg_extension", "x.oid"));

    private static final String EVENT_TRIGGERS = """
            select t.evtname, t.evtevent, (select string_agg(quote_literal(g), ', ' order by g)
                   from unnest(t.evttags) g) as tags, t.evtfoid::regproc::text as function,
                   case t.evtenabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end
                   as enabled,
                   %s as comment
            from pg_event_trigger t
            where %s""".formatted(ReadScope.comment("pg_event_trigger", "t.oid"),
            ReadScope.notExtensionMember("pg_event_trigger", "t.oid"));

    /**
     * Publications, each table with its column list and row filter (Postgres 15 and later) and the schemas it publishes
     * whole (15 and later too): the version's own form is chosen by {@link #publications}.
     */
    private static final String PUBLICATIONS = """
            select p.pubname, p.puballtables,
                   nullif(coalesce(nullif(concat_ws(', ', case when p.pubinsert then 'insert' end,
                          case when p.pubupdate then 'update' end, case when p.pubdelete then 'delete' end,
                          case when p.pubtruncate then 'truncate' end), ''), '%s'), '%s'),
                   VIA_ROOT,
                   (select string_agg(t.entry, ', ' order by t.entry) from (select quote_ident(n.nspname) || '.'
                        || quote_ident(c.relname) TABLE_DETAILS as entry
                        from pg_publication_rel r join pg_class c on c.oid = r.prrelid
                        join pg_namespace n on n.oid = c.relnamespace where r.prpubid = p.oid) t),
                   SCHEMAS,
                   %s
            from pg_publication p
            where %s""".formatted(Publication.NO_CHANGES, Publication.ALL_CHANGES, ReadScope.comment("pg_publication", "p.oid"),
            ReadScope.notExtensionMember("pg_publication", "p.oid"));

    private static final String SETTINGS = DatabaseSetting.OF_DATABASE.formatted("pg_catalog.current_database()");

    /** {@link #PUBLICATIONS} with what the server's catalogs have: a root's publishing from 13, the rest from 15. */
    private static String publications(int major) {
        String details = """
                || coalesce(' (' || (select string_agg(quote_ident(a.attname), ', ' order by a.attnum)
                    from pg_attribute a where a.attrelid = r.prrelid and a.attnum = any(r.prattrs)) || ')', '')
                || coalesce(' WHERE (' || pg_get_expr(r.prqual, r.prrelid) || ')', '')""";
        String schemas = """
                (select string_agg(quote_ident(n.nspname), ', ' order by n.nspname) from pg_publication_namespace s
                    join pg_namespace n on n.oid = s.pnnspid where s.pnpubid = p.oid)""";
        return PUBLICATIONS.replace("VIA_ROOT", major >= 13 ? "p.pubviaroot" : "false")
                .replace("TABLE_DETAILS", major >= 15 ? details : "")
                .replace("SCHEMAS", major >= 15 ? schemas : "null");
    }

    @Override
    public void read(ReadScope scope) {
        if (!scope.partial()) {
            // Extensions are created, changed and dropped by commands the recorder sees, which
            // then asks for a whole read; event triggers are not (Postgres fires none for them).
            scope.query(EXTENSIONS, row -> new Extension(row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4)));
            // Nor for ALTER DATABASE: the recorder's digest of the settings asks for a whole read when they change.
            scope.query(SETTINGS, row -> new DatabaseSetting(row.getString(1), row.getString(2)));
            // ALTER DEFAULT PRIVILEGES reports no object to the recorder, which then asks for a whole read.
            scope.query(DefaultPrivileges.SQL, row -> new DefaultPrivileges(row.getString(1), row.getString(2),
                    row.getString(3), row.getString(4)));
        }
        if (scope.reads(UnitFilter.Also.PUBLICATIONS)) {
            // Read again when the recorder saw a publication change, or a table one lists (a rename changes the list).
            scope.query(publications(scope.majorVersion()), row -> new Publication(row.getString(1), row.getBoolean(2),
                    row.getString(3), row.getBoolean(4), row.getString(5), row.getString(6), row.getString(7)));
        }
        if (!scope.reads(UnitFilter.Also.EVENT_TRIGGERS)) {
            return;
        }
        scope.query(EVENT_TRIGGERS, row -> scope.excludesEventTrigger(row.getString(1)) ? null
                : new EventTrigger(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }
}
