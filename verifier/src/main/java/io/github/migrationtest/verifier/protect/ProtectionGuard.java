package io.github.migrationtest.verifier.protect;

import io.github.migrationtest.verifier.snapshot.GuardObjects;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Records, in a database the verifier owns, what the migrations do to protected schemas: two event
 * triggers log DDL and drops of objects in them (or of objects that were in them when the guard was
 * installed, so a rename or {@code SET SCHEMA} does not hide one), and statement triggers on each
 * protected table log the rows every {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code TRUNCATE}
 * and {@code COPY ... FROM} wrote, with the statement the client sent.
 *
 * <p>Why triggers and not the statistics views ({@code pg_stat_user_tables}): the log is written in
 * the migration's own transaction, so a write rolled back (a savepoint, a failed step) leaves no
 * entry, while the statistics count it; statistics reach the views late (flushed at most once a
 * second, from other sessions such as Alembic's later still) and can be turned off; they do not
 * count {@code TRUNCATE} as removed rows, and they cannot say which statement wrote. The triggers
 * fire for every session and role and, enabled {@code ALWAYS}, also under {@code
 * session_replication_role = replica}, which data loads set to skip foreign keys. Everything is in
 * the guard's own schema or named with its prefix, and no snapshot shows it ({@link GuardObjects}).
 */
public final class ProtectionGuard {

    private static final String SCHEMA = GuardObjects.SCHEMA;

    private static final String INSTALL = """
            create schema migrationtest_protect;
            revoke all on schema migrationtest_protect from public;
            create table migrationtest_protect.patterns (regex text not null);
            create table migrationtest_protect.objects (classid oid not null, objid oid not null,
                primary key (classid, objid));
            create table migrationtest_protect.touched (seq bigserial primary key, kind text not null,
                command text, object_type text, object text, rows bigint not null default 0, query text);
            create function migrationtest_protect.protected(schema_name text) returns boolean language sql stable
                set search_path = pg_catalog as $$
                select exists (select 1 from migrationtest_protect.patterns p where schema_name ~ p.regex) $$;
            create function migrationtest_protect.known(class oid, object oid) returns boolean language sql stable
                set search_path = pg_catalog as $$
                select exists (select 1 from migrationtest_protect.objects o where o.classid = class and o.objid = object) $$;
            -- GRANT, REVOKE and ALTER DEFAULT PRIVILEGES report no object to event triggers: the privileges
            -- on the protected objects (and the default privileges in protected schemas) are kept here,
            -- and compared after each such command.
            create table migrationtest_protect.privileges (classid oid not null, objid oid not null, acl text,
                type text, identity text, primary key (classid, objid));
            create function migrationtest_protect.current_privileges() returns table (classid oid, objid oid, acl text)
                language sql stable set search_path = pg_catalog as $$
                select 'pg_namespace'::regclass::oid, n.oid, n.nspacl::text from pg_namespace n
                where migrationtest_protect.protected(n.nspname)
                union all
                select 'pg_class'::regclass, c.oid, coalesce(c.relacl::text, '') || coalesce(' ' || (select
                       string_agg(a.attname || '=' || a.attacl::text, ' ' order by a.attnum) from pg_attribute a
                       where a.attrelid = c.oid and a.attacl is not null), '')
                from pg_class c join pg_namespace n on n.oid = c.relnamespace where migrationtest_protect.protected(n.nspname)
                union all
                select 'pg_proc'::regclass, p.oid, p.proacl::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where migrationtest_protect.protected(n.nspname)
                union all
                select 'pg_type'::regclass, t.oid, t.typacl::text from pg_type t join pg_namespace n on n.oid = t.typnamespace
                where migrationtest_protect.protected(n.nspname)
                union all
                select 'pg_default_acl'::regclass, d.oid, d.defaclobjtype::text || d.defaclacl::text from pg_default_acl d
                join pg_namespace n on n.oid = d.defaclnamespace where migrationtest_protect.protected(n.nspname) $$;
            create function migrationtest_protect.keep_privileges() returns void language sql
                set search_path = pg_catalog as $$
                delete from migrationtest_protect.privileges;
                insert into migrationtest_protect.privileges
                select p.classid, p.objid, p.acl, i.type, i.identity
                from migrationtest_protect.current_privileges() p, pg_identify_object(p.classid, p.objid, 0) i $$;
            create function migrationtest_protect.command_end() returns event_trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                insert into migrationtest_protect.touched (kind, command, object_type, object, query)
                select 'DDL', c.command_tag, c.object_type, c.object_identity, current_query()
                from pg_event_trigger_ddl_commands() c
                where migrationtest_protect.protected(c.schema_name)
                   or (c.classid = 'pg_namespace'::regclass and migrationtest_protect.protected(
                       (select n.nspname::text from pg_namespace n where n.oid = c.objid)))
                   or migrationtest_protect.known(c.classid, c.objid);
                if tg_tag in ('GRANT', 'REVOKE', 'ALTER DEFAULT PRIVILEGES') then
                    -- Objects created since (reported when created) are compared from the next such command on.
                    -- An object gone since (a REVOKE that empties default privileges removes their row) is
                    -- named as it was kept: pg_identify_object is strict, so it is not asked about it.
                    insert into migrationtest_protect.touched (kind, command, object_type, object, query)
                    select 'DDL', tg_tag, coalesce(i.type, before.type), coalesce(i.identity, before.identity),
                           current_query()
                    from migrationtest_protect.current_privileges() now
                    full join migrationtest_protect.privileges before using (classid, objid)
                    left join lateral pg_identify_object(now.classid, now.objid, 0) i on true
                    where now.acl is distinct from before.acl
                      and (before.objid is not null or classid = 'pg_default_acl'::regclass);
                    perform migrationtest_protect.keep_privileges();
                end if;
            end $$;
            -- Objects dropped only as internal parts of another (a dropped table's row type, indexes and
            -- this guard's triggers; a foreign key's triggers on the protected table it referenced) are
            -- neither original nor reached by a normal dependency: the object they belong to is reported.
            create function migrationtest_protect.sql_drop() returns event_trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                insert into migrationtest_protect.touched (kind, command, object_type, object, query)
                select 'DROP', tg_tag, d.object_type, d.object_identity, current_query()
                from pg_event_trigger_dropped_objects() d
                where (d.original or d.normal)
                  and (migrationtest_protect.protected(d.schema_name)
                       or (d.object_type = 'schema' and migrationtest_protect.protected(d.object_name))
                       or migrationtest_protect.known(d.classid, d.objid));
            end $$;
            create function migrationtest_protect.log_write(operation text, schema_name name, table_name name,
                written bigint) returns void language sql security definer set search_path = pg_catalog as $$
                insert into migrationtest_protect.touched (kind, command, object_type, object, rows, query)
                select 'WRITE', operation, 'table', quote_ident(schema_name) || '.' || quote_ident(table_name),
                       written, current_query()
                where written > 0 $$;
            -- One function for INSERT (COPY FROM too), UPDATE and DELETE: each trigger names its transition
            -- table migrationtest_rows. A statement that wrote no row is not a write.
            create function migrationtest_protect.rows_written() returns trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                perform migrationtest_protect.log_write(tg_op, tg_table_schema, tg_table_name,
                    (select count(*) from migrationtest_rows));
                return null;
            end $$;
            create function migrationtest_protect.truncated() returns trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            declare
                removed bigint;
            begin
                execute format('select count(*) from %I.%I', tg_table_schema, tg_table_name) into removed;
                perform migrationtest_protect.log_write(tg_op, tg_table_schema, tg_table_name, removed);
                return null;
            end $$;
            """;

    /**
     * A trigger per event on every table of the protected schemas, enabled {@code ALWAYS}. Foreign
     * tables are left out: Postgres allows them no transition tables, and their rows live elsewhere.
     */
    private static final String GUARD_TABLES = """
            do $$
            declare
                t regclass;
            begin
                for t in select c.oid::regclass from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where c.relkind in ('r', 'p') and migrationtest_protect.protected(n.nspname)
                loop
                    execute format('create trigger migrationtest_protect_insert after insert on %1$s'
                        || ' referencing new table as migrationtest_rows for each statement'
                        || ' execute function migrationtest_protect.rows_written();'
                        || ' create trigger migrationtest_protect_update after update on %1$s'
                        || ' referencing new table as migrationtest_rows for each statement'
                        || ' execute function migrationtest_protect.rows_written();'
                        || ' create trigger migrationtest_protect_delete after delete on %1$s'
                        || ' referencing old table as migrationtest_rows for each statement'
                        || ' execute function migrationtest_protect.rows_written();'
                        || ' create trigger migrationtest_protect_truncate before truncate on %1$s'
                        || ' for each statement execute function migrationtest_protect.truncated();'
                        || ' alter table %1$s enable always trigger migrationtest_protect_insert,'
                        || ' enable always trigger migrationtest_protect_update,'
                        || ' enable always trigger migrationtest_protect_delete,'
                        || ' enable always trigger migrationtest_protect_truncate', t);
                end loop;
            end $$;
            insert into migrationtest_protect.objects
            select 'pg_namespace'::regclass, n.oid from pg_namespace n where migrationtest_protect.protected(n.nspname)
            union all
            select 'pg_class'::regclass, c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where migrationtest_protect.protected(n.nspname)
            union all
            select 'pg_type'::regclass, t.oid from pg_type t join pg_namespace n on n.oid = t.typnamespace
            where migrationtest_protect.protected(n.nspname)
            union all
            select 'pg_proc'::regclass, p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where migrationtest_protect.protected(n.nspname);
            select migrationtest_protect.keep_privileges();
            create event trigger migrationtest_protect_ddl on ddl_command_end
                execute function migrationtest_protect.command_end();
            create event trigger migrationtest_protect_drop on sql_drop execute function migrationtest_protect.sql_drop();
            alter event trigger migrationtest_protect_ddl enable always;
            alter event trigger migrationtest_protect_drop enable always;
            """;

    private static final String DRAIN = "with drained as (delete from " + SCHEMA + ".touched returning *)"
            + " select kind, command, object_type, object, rows, query from drained order by seq";

    private ProtectionGuard() {
    }

    /**
     * Installs the guard in the connected database, after its init scripts ran: the protected schemas
     * are those that exist now and match, and those created later that match.
     *
     * @throws SQLException when the user may not create event triggers (only a superuser may), saying so;
     *     or when no schema matches, since a misspelt name would protect nothing and pass
     */
    public static void install(Connection connection, ProtectedSchemas schemas) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(INSTALL);
            try (PreparedStatement patterns = connection.prepareStatement(
                    "insert into " + SCHEMA + ".patterns select unnest(?::text[])")) {
                Array regexes = connection.createArrayOf("text", schemas.regexes().toArray());
                patterns.setArray(1, regexes);
                patterns.execute();
            }
            List<String> all = allSchemas(statement);
            List<String> unmatched = schemas.unmatched(all);
            if (!unmatched.isEmpty()) {
                throw new SQLException("protected schema " + String.join(", ", unmatched) + " (--protect "
                        + schemas.describe() + ") matches no schema of the database after the init scripts (it has "
                        + String.join(", ", all) + "). Fix: name the schemas as Postgres stores them, and create"
                        + " them in an init script (--init), since they come from elsewhere");
            }
            statement.execute(GUARD_TABLES);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if ("42501".equals(e.getSQLState())) {
                throw new SQLException("--protect needs event triggers and triggers in the database it verifies in,"
                        + " which only a superuser may create (" + e.getMessage() + "). Fix: connect as a superuser,"
                        + " or leave --protect out", e.getSQLState(), e);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<String> allSchemas(Statement statement) throws SQLException {
        return names(statement, "select nspname from pg_namespace where nspname !~ '^(pg_|information_schema$|"
                + "migrationtest_)' order by 1");
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }

    /** What was recorded since the last call, in the order it happened; the log is empty afterwards. */
    public static List<Touch> drain(Connection connection) throws SQLException {
        List<Touch> touches = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(DRAIN)) {
            while (row.next()) {
                touches.add(new Touch(Touch.Kind.valueOf(row.getString(1)), row.getString(2), row.getString(3),
                        row.getString(4), row.getLong(5), row.getString(6)));
            }
        }
        return touches;
    }
}
