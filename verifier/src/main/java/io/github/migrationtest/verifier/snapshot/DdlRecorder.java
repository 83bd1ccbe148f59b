package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records which objects DDL touched, with two event triggers (on {@code ddl_command_end} and
 * {@code sql_drop}) writing to a table in a schema of the tool's own, which snapshots leave out. A third,
 * on {@code table_rewrite}, logs each rewrite with its reason's bits in {@code objsubid} (command tag
 * {@code table_rewrite}), for safety measurement to read.
 * The triggers fire in every session and for every role (the functions run as their owner), also
 * under {@code session_replication_role = replica}, and record only inside the migration's own
 * transaction, so a rolled-back migration leaves no trace either.
 */
final class DdlRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(DdlRecorder.class);

    /** The recorder's schema, never part of a snapshot. */
    static final String SCHEMA = "migrationtest_recorder";
    static final Set<String> TRIGGERS = Set.of("migrationtest_command_end", "migrationtest_sql_drop",
            "migrationtest_table_rewrite");

    private static final String INSTALL = """
            create schema migrationtest_recorder;
            create unlogged table migrationtest_recorder.touched (classid oid, objid oid, objsubid int, dropped boolean not null,
                command_tag text not null, object_type text, address_names text[]);
            -- Each enum's labels as the last drain saw them: a migration that deletes or renames a label in pg_enum
            -- itself (the way to drop one before Postgres could) fires no event trigger.
            create unlogged table migrationtest_recorder.enum_labels (typid oid primary key, labels text[] not null);
            create function migrationtest_recorder.command_end() returns event_trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                insert into migrationtest_recorder.touched
                select classid, objid, objsubid, false, command_tag, object_type, null from pg_event_trigger_ddl_commands();
                if not found then
                    insert into migrationtest_recorder.touched (dropped, command_tag) values (false, tg_tag);
                end if;
            end $$;
            create function migrationtest_recorder.sql_drop() returns event_trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                insert into migrationtest_recorder.touched
                select classid, objid, objsubid, true, tg_tag, object_type, address_names
                from pg_event_trigger_dropped_objects();
            end $$;
            create function migrationtest_recorder.table_rewrite() returns event_trigger language plpgsql
                security definer set search_path = pg_catalog as $$
            begin
                insert into migrationtest_recorder.touched (classid, objid, objsubid, dropped, command_tag)
                values ('pg_class'::regclass, pg_event_trigger_table_rewrite_oid(),
                        pg_event_trigger_table_rewrite_reason(), false, 'table_rewrite');
            end $$;
            revoke all on schema migrationtest_recorder from public;
            -- Read-only for the migrations' role (no superuser): safety measurement reads the rewrites'
            -- reasons on the migration's own connection, inside its transaction.
            grant usage on schema migrationtest_recorder to public;
            grant select on migrationtest_recorder.touched to public;
            -- A read inside a migration's uncommitted transaction (a round trip rolled back whole) drains the log
            -- on that connection, as the migrations' role.
            grant delete on migrationtest_recorder.touched to public;
            grant select, insert, update, delete on migrationtest_recorder.enum_labels to public;
            create event trigger migrationtest_command_end on ddl_command_end
                execute function migrationtest_recorder.command_end();
            create event trigger migrationtest_sql_drop on sql_drop execute function migrationtest_recorder.sql_drop();
            create event trigger migrationtest_table_rewrite on table_rewrite
                execute function migrationtest_recorder.table_rewrite();
            alter event trigger migrationtest_command_end enable always;
            alter event trigger migrationtest_sql_drop enable always;
            alter event trigger migrationtest_table_rewrite enable always;
            """;

    /** SQL: whether the recorder's schema, log and both event triggers are there and always enabled. */
    private static final String HEALTHY = """
            (select count(*) from pg_event_trigger where evtname in ('migrationtest_command_end',
                'migrationtest_sql_drop', 'migrationtest_table_rewrite') and evtenabled = 'A') = 3
            and to_regclass('migrationtest_recorder.touched') is not null
            and to_regclass('migrationtest_recorder.enum_labels') is not null""";

    private static final String INSTALLED = "select " + HEALTHY;

    private static final String UNINSTALL = """
            drop event trigger if exists migrationtest_command_end;
            drop event trigger if exists migrationtest_sql_drop;
            drop event trigger if exists migrationtest_table_rewrite;
            drop schema if exists migrationtest_recorder cascade;
            """;

    /**
     * What the recorded objects mean for a snapshot, in one statement that also empties the log:
     * the units that hold a touched object, partitions and inheritance children of touched tables (a
     * parent's columns reach them), the dropped objects, which only the previous snapshot can place,
     * and apart from these the units that hold an object depending on a touched one, with the
     * touched object's unit: a view or foreign key names the table it references, a column its
     * type, a trigger its function, so renaming those changes their text; most changes (a comment, a
     * new column, an index) do not, and the read then leaves them alone ({@link UnitNames}).
     */
    private static final String DRAIN = """
            with recursive log as (delete from migrationtest_recorder.touched returning *),
            -- Enums whose labels are not those the last drain saw, whatever changed them: DDL, or a migration's
            -- DELETE or UPDATE of pg_enum, which no event trigger reports. Only a superuser may write a catalog, and
            -- the drain runs as the migrations' login: for a role without superuser (the walk's own, by default) the
            -- comparison (about 14 round trips' time for 1,200 labels, BENCHMARKS.md Session 34) is skipped. The index on
            -- (enumtypid, enumsortorder) gives them in order.
            enum_now as (select e.enumtypid as typid, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
                from pg_enum e where %4$s group by e.enumtypid),
            enum_changed as (select n.typid, n.labels from enum_now n
                left join migrationtest_recorder.enum_labels o on o.typid = n.typid where o.labels is distinct from n.labels),
            enum_saved as (insert into migrationtest_recorder.enum_labels select typid, labels from enum_changed
                on conflict (typid) do update set labels = excluded.labels),
            enum_gone as (delete from migrationtest_recorder.enum_labels o
                where %4$s and not exists (select from enum_now n where n.typid = o.typid)),
            live as (
                select classid, objid from log where not dropped and objid is not null
                union
                select 'pg_type'::regclass, typid from enum_changed
                union
                select 'pg_type'::regclass, c.reltype from log l join pg_class c on c.oid = l.objid
                where l.classid = 'pg_class'::regclass and not l.dropped and c.reltype <> 0),
            descendants (objid) as (
                select i.inhrelid from pg_inherits i join live l on l.classid = 'pg_class'::regclass
                    and i.inhparent = l.objid
                union
                -- The partitions of a touched trigger's table, at every level: ALTER TRIGGER ... RENAME (or CREATE
                -- TRIGGER) on a partitioned table changes its clones in sub-partitions too, and only the parent's
                -- trigger is reported; a clone depends ('P') on its parent partition's, so pg_depend's one level
                -- reached only the direct partitions'. (Following 'P' down the dependents cost every read 0.5-1.2 ms.)
                select i.inhrelid from live l join pg_trigger t on l.classid = 'pg_trigger'::regclass
                    and t.oid = l.objid join pg_inherits i on i.inhparent = t.tgrelid
                union
                select i.inhrelid from pg_inherits i join descendants d on i.inhparent = d.objid),
            -- The unit of each touched object, none for objects in none (a collation, an operator).
            live_placed as (
                select l.classid, l.objid, u.kind, u.oid from live l left join lateral (%1$s) u on true),
            -- src: the unit of the touched object a dependent was reached from; direct: touched, or a descendant
            affected (classid, objid, src_kind, src_oid, direct) as (
                select classid, objid, null::text, null::oid, true from live
                union
                -- lateral with offset 0: an index lookup per touched object; a join would let the
                -- planner, which cannot know the log is short, hash all of pg_depend
                select d.classid, d.objid, l.kind, l.oid, false from live_placed l cross join lateral (select
                    d.classid, d.objid from pg_depend d where d.refclassid = l.classid and d.refobjid = l.objid
                    and d.deptype not in ('e', 'x', 'p') offset 0) d
                union
                select 'pg_class'::regclass, objid, null, null, true from descendants
),
            placed as (
                select distinct u.kind, u.oid, a.src_kind, a.src_oid, a.direct
                from affected a cross join lateral (%2$s) u)
            -- A dependent of an object in no unit (a collation, an operator) is read whatever changed.
            select 'unit', p.kind, p.oid, null::int, null::text from placed p
            where p.direct or p.src_kind is null or (p.src_kind = p.kind and p.src_oid = p.oid)
            union all
            select 'dependent', p.kind, p.oid, null, p.src_kind || ' ' || p.src_oid from placed p
            where not p.direct and p.src_kind is not null and not (p.src_kind = p.kind and p.src_oid = p.oid)
            union all
            -- A dropped column's name; another object's table, while that still exists.
            select 'dropped', l.classid::regclass::text, l.objid, l.objsubid,
                   case when l.objsubid <> 0 then l.address_names[3]
                        when cardinality(l.address_names) = 3 then to_regclass(quote_ident(l.address_names[1])
                        || '.' || quote_ident(l.address_names[2]))::oid::text end
            from log l where l.dropped
            union all
            select 'whole', l.command_tag, null, null, coalesce(l.classid::regclass::text, l.object_type) from log l
            where l.classid in ('pg_namespace'::regclass, 'pg_extension'::regclass)
               or (l.objid is null and not l.dropped and l.command_tag not like 'DROP %%'
                   and l.command_tag <> 'ALTER PUBLICATION')
               or l.command_tag = 'DROP OWNED'
            union all
            -- A publication (or a table's or schema's place in one) changed, or a table or column it lists by name: the
            -- read reads the publications again.
            select 'publications', null, null, null, null
            where exists (select from log l where l.object_type like 'publication%%')
               or exists (select from affected a where a.classid = 'pg_publication_rel'::regclass)
            union all
            -- A catalog object (a collation, an operator, a foreign table, ...; CatalogObject) made, changed or dropped,
            -- or one depending on what changed (an operator on a renamed type): the read reads them all again.
            select 'catalog objects', null, null, null, null
            where exists (select from log l where l.object_type in ('collation', 'text search configuration',
                    'text search dictionary', 'foreign-data wrapper', 'server', 'user mapping', 'foreign table',
                    'foreign table column', 'aggregate', 'operator', 'operator class', 'operator family',
                    'operator of access method', 'function of access method', 'cast', 'conversion'))
               or exists (select from affected a where a.classid in ('pg_collation'::regclass, 'pg_ts_config'::regclass,
                    'pg_ts_dict'::regclass, 'pg_foreign_data_wrapper'::regclass, 'pg_foreign_server'::regclass,
                    'pg_user_mapping'::regclass, 'pg_operator'::regclass, 'pg_opclass'::regclass, 'pg_opfamily'::regclass,
                    'pg_amop'::regclass, 'pg_amproc'::regclass, 'pg_cast'::regclass, 'pg_conversion'::regclass)
                    or a.classid = 'pg_proc'::regclass and exists (select from pg_aggregate g where g.aggfnoid = a.objid)
                    or a.classid = 'pg_class'::regclass and exists (select from pg_foreign_table f where f.ftrelid = a.objid))
            union all
            -- A rule made, replaced or renamed: the read reads rules, which it reads only where some were.
            select 'rules', null, null, null, null
            where exists (select from log l where l.object_type = 'rule' and not l.dropped)
            union all
            -- What snapshots show but no event trigger reports: CLUSTER marks an index, roles' names
            -- appear in grants, ALTER DATABASE sets the database's defaults. A change here asks for a whole read.
            -- pg_index is read page by page (SYSTEM (100) takes every page): no index helps, and under the read's
            -- settings (no sequential scans) the planner walked its whole oid index instead, 0.05-0.1 ms a read more.
            select 'untracked', md5(coalesce((select string_agg(x.indexrelid::text, ',' order by x.indexrelid)
                   from pg_index x tablesample system (100) where x.indisclustered), '') || '|'
                   || (select string_agg(r.oid::text || ':' || r.rolname, ',' order by r.oid) from pg_roles r)
                   || '|' || coalesce((select s.setconfig::text
                   from pg_db_role_setting s where s.setrole = 0 and s.setdatabase = (select d.oid from pg_database d
                   where d.datname = current_database())), '')), null, null, null
            union all
            -- Nor for event triggers: their digest says whether a read must read them again.
            select 'events', md5(coalesce((select string_agg(row(t.oid, t.evtname, t.evtevent, t.evttags,
                   t.evtfoid::regproc::text, t.evtenabled, (select d.description from pg_description d
                   where d.objoid = t.oid and d.classoid = 'pg_event_trigger'::regclass and d.objsubid = 0))::text,
                   ',' order by t.oid) from pg_event_trigger t), '')), null, null, null
            union all
            -- A migration that disabled or dropped one of the triggers leaves changes unrecorded.
            select 'broken', 'the recorder was disabled', null, null, null where not (%3$s)""".formatted(
            unitOf("l.classid", "l.objid"), unitOf("a.classid", "a.objid"), HEALTHY,
            "pg_catalog.current_setting('is_superuser')::pg_catalog.bool");

    private DdlRecorder() {
    }

    /**
     * SQL: the unit (kind, OID) that holds the object {@code objid} of catalog {@code classid}, no
     * row for an object in none. Each lookup by index (a CASE evaluates only its branch): the planner
     * cannot know the log is short, and would scan whole catalogs to join. {@code offset 0} keeps it
     * from inlining the CASE, with its lookups, into each place that uses its result.
     */
    private static String unitOf(String classid, String objid) {
        return """
                select case r.relkind when 'v' then 'VIEW' when 'm' then 'VIEW' when 'S' then 'SEQUENCE'
                       else 'TABLE' end as kind, r.oid
                from (select x.oid, (select c.relkind from pg_class c where c.oid = x.oid) as relkind
                      from (select case CLASSID
                        when 'pg_class'::regclass then coalesce((select ix.indrelid from pg_index ix
                            where ix.indexrelid = OBJID), OBJID)
                        when 'pg_constraint'::regclass then (select nullif(k.conrelid, 0) from pg_constraint k
                            where k.oid = OBJID)
                        when 'pg_trigger'::regclass then (select t.tgrelid from pg_trigger t where t.oid = OBJID)
                        when 'pg_policy'::regclass then (select p.polrelid from pg_policy p where p.oid = OBJID)
                        when 'pg_attrdef'::regclass then (select d.adrelid from pg_attrdef d where d.oid = OBJID)
                        when 'pg_rewrite'::regclass then (select r.ev_class from pg_rewrite r where r.oid = OBJID)
                        when 'pg_statistic_ext'::regclass then (select s.stxrelid from pg_statistic_ext s
                            where s.oid = OBJID)
                        end as oid offset 0) x offset 0) r
                where r.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
                union all
                -- Types a snapshot lists: not a relation's row type, an array or a multirange.
                select 'TYPE', y.oid
                from (select case CLASSID
                        when 'pg_type'::regclass then OBJID
                        when 'pg_class'::regclass then (select c.reltype from pg_class c where c.oid = OBJID
                            and c.relkind = 'c')
                        when 'pg_constraint'::regclass then (select nullif(k.contypid, 0) from pg_constraint k
                            where k.oid = OBJID)
                        end as oid offset 0) y
                where (select t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and (select c.relkind from pg_class c
                       where c.oid = t.typrelid) = 'c') from pg_type t where t.oid = y.oid)
                union all
                select 'ROUTINE', OBJID where CLASSID = 'pg_proc'::regclass""".replace("CLASSID", classid)
                .replace("OBJID", objid);
    }

    /**
     * Installs the recorder in the connected database unless it is there already and whole (a clone
     * of a database that had it), and empties its log. Returns false, leaving nothing behind, when
     * the user may not create event triggers (only superusers may). Inside the caller's transaction
     * (a read there found the recorder disabled) it works under a savepoint: the caller's work is
     * neither committed nor rolled back by it, and a rollback undoes the repair with the damage.
     */
    static boolean install(Connection connection) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        Savepoint savepoint = ownTransaction ? null : connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            boolean whole;
            try (ResultSet row = statement.executeQuery(INSTALLED)) {
                row.next();
                whole = row.getBoolean(1);
            }
            if (!whole) {
                statement.execute(UNINSTALL);
                statement.execute(INSTALL);
            }
            statement.execute("delete from " + SCHEMA + ".touched");
            if (ownTransaction) {
                connection.commit();
            } else {
                connection.releaseSavepoint(savepoint);
            }
            return true;
        } catch (SQLException e) {
            if (ownTransaction) {
                connection.rollback();
            } else {
                connection.rollback(savepoint);
            }
            LOG.info("Cannot record which objects migrations touch ({}): every snapshot reads the whole schema",
                    e.getMessage());
            return false;
        } finally {
            if (ownTransaction) {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * What the DDL since the last call touched; the log is empty afterwards. Runs under the partial
     * read's settings: the log and what it names are a few rows in large catalogs. Inside the caller's
     * transaction (a rolled-back round trip) it runs {@link UnderSavepoint}: a migration there may have dropped
     * the recorder, and the reader then puts it back and reads the whole schema.
     */
    static Changes drain(Connection connection) throws SQLException {
        // Prepared at once: planning it takes longer than running it.
        return ReadSettings.PARTIAL.run(connection, around -> {
            String query = around.wrap("", DRAIN);
            if (around.inTransaction()) {
                return UnderSavepoint.read(connection, query, around.resultsBefore() + 1, PreparedOnce::atFirstRun,
                        DdlRecorder::changes);
            }
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                PreparedOnce.atFirstRun(statement);
                statement.execute();
                around.skip(statement);
                statement.getMoreResults(); // past the settings' result
                try (ResultSet row = statement.getResultSet()) {
                    return changes(row);
                }
            }
        });
    }

    /**
     * Empties the log's table of the rows drains deleted. Autovacuum is off on the servers we start,
     * and without this the table keeps growing, every drain scanning all of it: 7 pages after 240
     * drains instead of 2, and on a server whose autovacuum was slow to come, 66 pages after 2,000.
     * Only outside a transaction, where Postgres allows it.
     */
    static void vacuum(Connection connection) throws SQLException {
        if (connection.getAutoCommit()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum " + SCHEMA + ".touched");
            }
        }
    }

    private static Changes changes(ResultSet row) throws SQLException {
        Set<ReadUnit> units = new HashSet<>();
        Map<ReadUnit, Set<ReadUnit>> dependents = new HashMap<>();
        List<Changes.Dropped> dropped = new ArrayList<>();
        List<String> wholeBecause = new ArrayList<>();
        String untracked = null;
        String eventTriggers = null;
        boolean publications = false;
        boolean rules = false;
        boolean catalogObjects = false;
        boolean broken = false;
        while (row.next()) {
            switch (row.getString(1)) {
                case "unit" -> units.add(new ReadUnit(ReadUnit.Kind.valueOf(row.getString(2)), row.getLong(3)));
                case "dependent" -> {
                    String[] source = row.getString(5).split(" ");
                    dependents.computeIfAbsent(new ReadUnit(ReadUnit.Kind.valueOf(source[0]), Long.parseLong(source[1])),
                            s -> new HashSet<>()).add(new ReadUnit(ReadUnit.Kind.valueOf(row.getString(2)), row.getLong(3)));
                }
                case "dropped" -> {
                    int column = row.getInt(4);
                    String table = column != 0 ? null : row.getString(5);
                    dropped.add(new Changes.Dropped(row.getString(2), row.getLong(3), column,
                            table == null ? 0 : Long.parseLong(table), column != 0 ? row.getString(5) : null));
                }
                case "untracked" -> untracked = row.getString(2);
                case "events" -> eventTriggers = row.getString(2);
                case "publications" -> publications = true;
                case "rules" -> rules = true;
                case "catalog objects" -> catalogObjects = true;
                case "broken" -> {
                    broken = true;
                    wholeBecause.add(row.getString(2));
                }
                default -> wholeBecause.add(row.getString(2) + (row.getString(5) == null ? ""
                        : " (" + row.getString(5) + ")"));
            }
        }
        return new Changes(wholeBecause, units, dependents, dropped, untracked, eventTriggers, publications, rules,
                catalogObjects, broken);
    }
}
