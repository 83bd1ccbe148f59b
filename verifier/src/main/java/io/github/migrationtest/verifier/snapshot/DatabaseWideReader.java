package io.github.migrationtest.verifier.snapshot;

/** Reads extensions, event triggers, settings and default privileges, which belong to the database rather than a schema. */
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

    private static final String SETTINGS = DatabaseSetting.OF_DATABASE.formatted("pg_catalog.current_database()");

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
        if (!scope.readsEventTriggers()) {
            return;
        }
        scope.query(EVENT_TRIGGERS, row -> scope.excludesEventTrigger(row.getString(1)) ? null
                : new EventTrigger(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }
}
