package io.github.migrationtest.verifier.snapshot;

import java.sql.SQLException;
import java.util.List;

/** Reads extensions and event triggers, which belong to the database rather than a schema. */
final class DatabaseWideReader implements CatalogReader {
    private static final String EXTENSIONS = """
            select x.extname, x.extversion, n.nspname,
                   (select cm.description from pg_description cm where cm.objoid = x.oid
                        and cm.classoid = 'pg_extension'::regclass and cm.objsubid = 0) as comment
            from pg_extension x join pg_namespace n on n.oid = x.extnamespace""";

    private static final String EVENT_TRIGGERS = """
            select t.evtname, t.evtevent, (select string_agg(quote_literal(g), ', ' order by g)
                   from unnest(t.evttags) g) as tags, t.evtfoid::regproc::text as function,
                   case t.evtenabled when 'D' then 'disabled' when 'R' then 'replica' when 'A' then 'always' end
                   as enabled,
                   (select cm.description from pg_description cm where cm.objoid = t.oid
                        and cm.classoid = 'pg_event_trigger'::regclass and cm.objsubid = 0) as comment
            from pg_event_trigger t
            where\s""" + ReadScope.notExtensionMember("pg_event_trigger", "t.oid");

    @Override
    public void read(ReadScope scope, List<SchemaObject> out) {
        if (!scope.partial()) {
            // Extensions are created, changed and dropped by commands the recorder sees, which
            // then asks for a whole read; event triggers are not (Postgres fires none for them).
            scope.query(EXTENSIONS, out, row -> new Extension(row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4)));
        }
        scope.query(EVENT_TRIGGERS, out, row -> scope.excludesEventTrigger(row.getString(1)) || DdlRecorder.TRIGGERS.contains(row.getString(1)) ? null
                : new EventTrigger(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }
}
