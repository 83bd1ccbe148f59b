package io.github.migrationtest.verifier.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reads safety measurement makes on the migration's own connection. Inside the migration's
 * transaction they see its uncommitted catalog changes, the locks it holds and its scan counters;
 * they read catalogs only, take no lock on a user's relation and change nothing.
 */
final class CatalogReads {

    /** The user's tables, materialized views and indexes: not the catalogs, nor the tool's recorder. */
    private static final String RELATIONS = """
            select c.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                   coalesce((select x.indrelid from pg_catalog.pg_index x where x.indexrelid = c.oid), c.oid),
                   c.relkind in ('i', 'I'), c.relfilenode, c.relispartition
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'm', 'i', 'I')
              and n.nspname not in ('pg_catalog', 'information_schema', 'migrationtest_recorder')
              and n.nspname not like 'pg\\_%'""";

    /**
     * One row per relation of the step's start, and the session's lock_timeout. The details that cost
     * catalog lookups (constraints, NOT NULL columns, indexes) are read for the relations this session
     * holds a lock on, or for all when asked: inside a transaction a statement that changed a relation
     * still holds its lock, so the others are as they were. The locks are aggregated once: pg_locks
     * copies the lock table on each call.
     */
    private static final String STATE = """
            with held as materialized (
                select l.relation, pg_catalog.array_to_string(pg_catalog.array_agg(l.mode), ',') as modes
                from pg_catalog.pg_locks l
                where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation' and l.granted
                group by l.relation),
            r as (select r.oid, (? or h.relation is not null) as detailed, h.modes
                  from pg_catalog.unnest(?::oid[]) r(oid) left join held h on h.relation = r.oid)
            select r.oid, c.relfilenode, r.modes, pg_catalog.pg_stat_get_xact_numscans(r.oid),
                   case when r.detailed and c.relkind in ('r', 'p') then (select count(*) from pg_catalog.pg_constraint k
                        where k.conrelid = r.oid and k.convalidated and k.contype in ('c', 'f')) end,
                   case when r.detailed and c.relkind in ('r', 'p') then coalesce((select pg_catalog.string_agg(
                        a.attnum::text, ',' order by a.attnum) from pg_catalog.pg_attribute a where a.attrelid = r.oid
                        and a.attnum > 0 and a.attnotnull and not a.attisdropped), '') end,
                   c.relispartition,
                   case when r.detailed and c.relkind in ('r', 'p', 'm') then (select count(*) from pg_catalog.pg_index x
                        where x.indrelid = r.oid) end,
                   pg_catalog.current_setting('lock_timeout'), r.detailed
            from r left join pg_catalog.pg_class c on c.oid = r.oid""";

    private static final String NEW_INDEXES = """
            select pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname)
            from pg_catalog.pg_index x join pg_catalog.pg_class i on i.oid = x.indexrelid
            join pg_catalog.pg_namespace n on n.oid = i.relnamespace
            where x.indrelid = ? and x.indexrelid <> all(?::oid[]) order by 1""";

    private CatalogReads() {
    }

    /** The relations of a step's start, and a first reading of them: what the listing shows, details unknown. */
    record Listing(List<Relation> relations, Reading reading) {
    }

    static Listing relations(Connection connection) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        Map<Long, RelationState> states = new HashMap<>();
        Map<Long, Integer> indexes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(RELATIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Relation relation = new Relation(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBoolean(4));
                relations.add(relation);
                states.put(relation.oid(), new RelationState(true, rows.getLong(5), EnumSet.noneOf(LockMode.class), 0,
                        RelationState.UNKNOWN, null, rows.getBoolean(6), 0));
                if (relation.isIndex()) {
                    indexes.merge(relation.table(), 1, Integer::sum);
                }
            }
        }
        indexes.forEach((table, count) -> states.computeIfPresent(table, (oid, state) -> state.withIndexes(count)));
        return new Listing(relations, new Reading(states, "0"));
    }

    /** The relations' states, and the session's lock_timeout. */
    record Reading(Map<Long, RelationState> states, String lockTimeout) {
    }

    /**
     * Reads the relations' states; details only of those this session holds a lock on, unless {@code all}:
     * the others keep their details of {@code previous}.
     */
    static Reading read(Connection connection, List<Relation> relations, Reading previous, boolean all)
            throws SQLException {
        Map<Long, RelationState> states = new HashMap<>();
        String lockTimeout = "0";
        try (PreparedStatement statement = connection.prepareStatement(STATE)) {
            statement.setBoolean(1, all);
            statement.setString(2, oids(relations));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lockTimeout = rows.getString(9);
                    long oid = rows.getLong(1);
                    long fileNode = rows.getLong(2);
                    if (rows.wasNull()) {
                        states.put(oid, RelationState.GONE);
                        continue;
                    }
                    RelationState was = previous.states().getOrDefault(oid, RelationState.GONE);
                    boolean detailed = rows.getBoolean(10);
                    states.put(oid, new RelationState(true, fileNode, modes(rows.getString(3)), rows.getLong(4),
                            detailed ? rows.getInt(5) : was.validConstraints(),
                            detailed ? rows.getString(6) : was.notNullColumns(), rows.getBoolean(7),
                            detailed ? rows.getInt(8) : was.indexes()));
                }
            }
        }
        return new Reading(states, lockTimeout);
    }

    /** The indexes of a table that are not among {@code known}. */
    static List<String> newIndexes(Connection connection, long table, List<Relation> known) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(NEW_INDEXES)) {
            statement.setLong(1, table);
            statement.setString(2, oids(known));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static String oids(List<Relation> relations) {
        return relations.stream().map(r -> Long.toString(r.oid())).collect(Collectors.joining(",", "{", "}"));
    }

    private static Set<LockMode> modes(String list) {
        Set<LockMode> modes = EnumSet.noneOf(LockMode.class);
        if (list != null) {
            for (String mode : list.split(",")) {
                LockMode.of(mode).ifPresent(modes::add);
            }
        }
        return modes;
    }
}
