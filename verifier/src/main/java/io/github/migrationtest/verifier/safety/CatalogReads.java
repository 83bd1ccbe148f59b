package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.UnderSavepoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The reads safety measurement makes on the migration's own connection. Inside the migration's
 * transaction they see its uncommitted catalog changes, the locks it holds and its scan counters;
 * they read catalogs only, take no lock on a user's relation and change nothing.
 */
final class CatalogReads {

    /**
     * The user's tables, materialized views and indexes (not the catalogs, nor the tool's recorder), with
     * their state; the details that cost catalog lookups (constraints, NOT NULL columns) only when asked.
     */
    private static final String RELATIONS = """
            select c.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                   coalesce(x.indrelid, c.oid),
                   c.relkind in ('i', 'I'), c.relfilenode, c.relispartition, pg_catalog.pg_stat_get_xact_numscans(c.oid),
                   case when ? and c.relkind in ('r', 'p') then (select count(*) from pg_catalog.pg_constraint k
                        where k.conrelid = c.oid and k.convalidated and k.contype in ('c', 'f')) end,
                   case when ? and c.relkind in ('r', 'p') then coalesce((select pg_catalog.string_agg(
                        a.attnum::text, ',' order by a.attnum) from pg_catalog.pg_attribute a where a.attrelid = c.oid
                        and a.attnum > 0 and a.attnotnull and not a.attisdropped), '') end,
                   pg_catalog.current_setting('lock_timeout'),
                   (select pg_catalog.to_regclass('migrationtest_recorder.touched') is not null)
            from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            left join pg_catalog.pg_index x on x.indexrelid = c.oid
            where c.relkind in ('r', 'p', 'm', 'i', 'I')
              and n.nspname not in ('pg_catalog', 'information_schema', 'migrationtest_recorder')
              and n.nspname not like 'pg\\_%'""";

    /**
     * The user relations this session holds a lock on, with their state, and the session's lock_timeout
     * (one row with nulls when it holds none). Inside a transaction a statement that changed, scanned or
     * dropped a relation still holds its lock, so the others are as they were: a read costs what the
     * statement touched, not the schema's size. The locks are aggregated once: pg_locks copies the lock
     * table on each call. Of a table's indexes it gives the count, and the names only of those above the second
     * parameter (created since the step's previous read): a step building hundreds of indexes on existing tables
     * keeps them all locked, and naming every index of every locked table on each statement made it quadratic. The
     * new indexes are found in one range of pg_index's oid index, once per read, and each locked table looks itself
     * up among those few (a join would reorder the rows): with 250 of openlane's tables locked, a look at each one's
     * indexes in pg_index was half of every read (about 8 us a table). The range has an upper bound (pg_index's highest oid) so that the plan Postgres keeps
     * for the prepared read, which cannot know the bound, still expects a few rows and takes the index.
     * The count is read only when a row of pg_index was deleted since the previous read (an index dropped): the
     * session's counter of those in the transaction only grows (an attempt counts, also when rolled back), and the
     * last column gives it for the next read. Otherwise a table has the indexes it had and those named now (null: the
     * caller adds them), and a read holding 200 of openlane's tables in ACCESS EXCLUSIVE costs half. The columns
     * before the count identify a relation seen for the first time (see {@link StepStart}).
     */
    private static final String LOCKED = """
            with held as materialized (
                select l.relation, pg_catalog.array_to_string(pg_catalog.array_agg(l.mode), ',') as modes
                from pg_catalog.pg_locks l
                where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation' and l.granted
                  and l.relation between 16384 and ?
                group by l.relation),
            top as materialized (select pg_catalog.max(y.indexrelid) as indexrelid from pg_catalog.pg_index y),
            fresh as materialized (
                select x.indrelid, pg_catalog.array_agg(x.indexrelid::text || ' ' || i.relfilenode::text
                       || ' ' || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname)) as named
                from pg_catalog.pg_index x join pg_catalog.pg_class i on i.oid = x.indexrelid
                join pg_catalog.pg_namespace n on n.oid = i.relnamespace
                where x.indexrelid > ?::pg_catalog.oid and x.indexrelid <= (select t.indexrelid from top t)
                group by x.indrelid)
            select h.relation, c.relfilenode, h.modes, pg_catalog.pg_stat_get_xact_numscans(h.relation),
                   c.relispartition,
                   case when c.relkind in ('r', 'p', 'm') then coalesce((select f.named from fresh f
                        where f.indrelid = h.relation), '{}') end,
                   pg_catalog.current_setting('lock_timeout'),
                   pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                   coalesce(x.indrelid, c.oid), c.relkind in ('i', 'I'),
                   c.relkind in ('r', 'p', 'm', 'i', 'I') and n.nspname not in ('pg_catalog', 'information_schema',
                       'migrationtest_recorder') and n.nspname not like 'pg\\_%',
                   case when c.relkind in ('r', 'p', 'm') and (? or (select INDEX_DROPS <> ?
                        or not pg_catalog.current_setting('track_counts')::pg_catalog.bool))
                        then (select pg_catalog.count(*) from pg_catalog.pg_index x where x.indrelid = h.relation) end,
                   (select INDEX_DROPS), (select t.indexrelid from top t)
            from (select 1) one left join held h on true left join pg_catalog.pg_class c on c.oid = h.relation
            left join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            left join pg_catalog.pg_index x on x.indexrelid = c.oid""".replace("INDEX_DROPS",
            "pg_catalog.pg_stat_get_xact_tuples_deleted('pg_catalog.pg_index'::pg_catalog.regclass)");

    /**
     * The relations among the oids given that were dropped, named as they were, from the change recorder's
     * {@code sql_drop} log (their catalog rows are gone); the kinds a listing has, outside the system's schemas.
     * Joined, not {@code = any(...)}: a step may drop thousands.
     */
    private static final String DROPPED = """
            select t.objid, pg_catalog.quote_ident(t.address_names[1]) || '.' || pg_catalog.quote_ident(t.address_names[2])
            from migrationtest_recorder.touched t join pg_catalog.unnest(?::oid[]) g(oid) on g.oid = t.objid
            where t.dropped and t.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
              and t.object_type in ('table', 'index', 'materialized view')
              and pg_catalog.cardinality(t.address_names) = 2
              and t.address_names[1] not in ('pg_catalog', 'information_schema', 'migrationtest_recorder')
              and t.address_names[1] not like 'pg\\_%'""";

    /** The reasons Postgres's table_rewrite event gave for a relation, OR-ed, as the change recorder logs them. */
    private static final String REWRITE_REASONS = """
            select pg_catalog.bit_or(t.objsubid) from migrationtest_recorder.touched t
            where t.command_tag = 'table_rewrite' and t.objid = ?""";

    private CatalogReads() {
    }

    /**
     * The relations of a step's start, and their state then.
     *
     * @param recorder whether the change recorder is installed, whose log has the rewrites' reasons
     */
    record Listing(List<Relation> relations, Reading reading, boolean recorder) {
    }

    /**
     * Lists the user's relations and reads their state.
     *
     * @param details whether to read their constraints and NOT NULL columns too (catalog evidence, for a
     *     statement that runs in auto-commit)
     */
    static Listing list(Connection connection, boolean details) throws SQLException {
        // Prepared, as the locked read: planned once per connection.
        try (PreparedStatement statement = connection.prepareStatement(RELATIONS)) {
            statement.setBoolean(1, details);
            statement.setBoolean(2, details);
            try (ResultSet rows = statement.executeQuery()) {
                return listing(rows);
            }
        }
    }

    private static Listing listing(ResultSet rows) throws SQLException {
        List<Relation> relations = new ArrayList<>();
        Map<Long, RelationState> states = new HashMap<>();
        Map<Long, Integer> indexes = new HashMap<>();
        String lockTimeout = "0";
        boolean recorder = false;
        while (rows.next()) {
            Relation relation = new Relation(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getBoolean(4));
            relations.add(relation);
            int valid = rows.getInt(8);
            if (rows.wasNull()) {
                valid = RelationState.UNKNOWN;
            }
            states.put(relation.oid(), new RelationState(true, rows.getLong(5), EnumSet.noneOf(LockMode.class),
                    rows.getLong(7), valid, rows.getString(9), rows.getBoolean(6), 0));
            if (relation.isIndex()) {
                indexes.merge(relation.table(), 1, Integer::sum);
            }
            lockTimeout = rows.getString(10);
            recorder = rows.getBoolean(11);
        }
        indexes.forEach((table, count) -> states.computeIfPresent(table, (oid, state) -> state.withIndexes(count)));
        return new Listing(relations, new Reading(states, lockTimeout), recorder);
    }

    /**
     * The relations' states, and the session's lock_timeout.
     *
     * @param states by oid; a relation seen for the first time adds its state before the step here
     * @param indexes the indexes the step created, by table and oid, of the tables read (locked ones in a
     *     transaction, every one in auto-commit)
     * @param indexDrops the rows the transaction deleted from pg_index until this reading, by the session's counter;
     *     -1 when not read (the next locked read counts every table's indexes)
     */
    record Reading(Map<Long, RelationState> states, String lockTimeout, Map<Long, Map<Long, Index>> indexes,
                   long indexDrops) {

        Reading(Map<Long, RelationState> states, String lockTimeout) {
            this(states, lockTimeout, Map.of(), -1);
        }
    }

    /**
     * An index the step created, named by a read.
     *
     * @param fileNode its relfilenode when read: one assigned before the statement means the index took over an
     *     old index's storage (an {@code ALTER COLUMN ... TYPE} that needs no rebuild) and was not built
     */
    record Index(String name, long fileNode) {
    }

    /**
     * The state now: a whole read of the step's relations (auto-commit: no lock tells what changed), and the
     * indexes of the step's tables that are not among them (created in the step).
     */
    static Reading readAll(Connection connection, List<Relation> relations) throws SQLException {
        Listing now = list(connection, true);
        Map<Long, RelationState> states = new HashMap<>();
        Set<Long> known = new HashSet<>();
        for (Relation relation : relations) {
            states.put(relation.oid(), now.reading().states().getOrDefault(relation.oid(), RelationState.GONE));
            known.add(relation.oid());
        }
        Map<Long, Map<Long, Index>> indexes = new HashMap<>();
        for (Relation relation : now.relations()) {
            if (relation.isIndex() && !known.contains(relation.oid()) && known.contains(relation.table())) {
                indexes.computeIfAbsent(relation.table(), t -> new HashMap<>()).put(relation.oid(),
                        new Index(relation.name(), now.reading().states().get(relation.oid()).fileNode()));
            }
        }
        return new Reading(states, now.reading().lockTimeout(), indexes, -1);
    }

    /**
     * The state now inside a transaction: the relations this session holds a lock on read again, the others
     * as {@code previous} had them, without locks. Locks on relations above {@code highest} are skipped: those
     * the step created, which a step building a schema holds by the thousand, and whose reading would make
     * each statement cost the step's size.
     *
     * @param start for a step whose relations are read when they first show up locked (their state before
     *     the step goes into {@code previous}, the relation to {@code seen}; the oid of one that is gone, with
     *     no catalog row left to name it, to {@code gone}); {@code null} when the step's relations were listed
     *     at its start, and only those are read
     * @param countEveryIndex whether to count every locked table's indexes, also when none was dropped since
     *     {@code previous}: after a rollback to a savepoint a count read before it can be one the table no longer has
     */
    static Reading readLocked(Connection connection, Reading previous, long highest, StepStart start,
                              NewIndexes newIndexes, boolean countEveryIndex, Consumer<Relation> seen,
                              Consumer<Long> gone) throws SQLException {
        // Prepared, with the bounds as parameters: the driver prepares it on the server after a few uses, so
        // Postgres plans it once per connection rather than per statement.
        try (PreparedStatement statement = connection.prepareStatement(LOCKED)) {
            statement.setLong(1, highest);
            long named = Math.max(highest, newIndexes.highest());
            statement.setLong(2, named);
            statement.setBoolean(3, countEveryIndex || previous.indexDrops() < 0);
            statement.setLong(4, previous.indexDrops());
            try (ResultSet rows = statement.executeQuery()) {
                return locked(rows, previous, start, newIndexes, seen, gone);
            }
        }
    }

    /**
     * The indexes a step created on the tables it locked, by table, as its reads found them: each read names only
     * those created since the one before, and the step's reads together name them all.
     */
    static final class NewIndexes {
        private final Map<Long, Map<Long, Index>> byTable = new HashMap<>();
        private long highest;

        /** The highest index oid a read has looked at so far: the next read names the indexes above it. */
        long highest() {
            return highest;
        }

        /**
         * Marks the indexes up to this oid as looked at: those on a locked table were named, and the others are on
         * tables the step created (an index locks its table until the transaction ends), which no read names; looking
         * at them again on each statement made a step that builds a schema quadratic.
         */
        void readUpTo(long indexOid) {
            highest = Math.max(highest, indexOid);
        }

        /**
         * The table's indexes named so far, with those just read ({@code "oid relfilenode schema.name"}) added; a
         * view, read by the reading it goes into before the next read adds to it.
         */
        Map<Long, Index> add(long table, String[] named) {
            if (named.length == 0) {
                return Collections.unmodifiableMap(byTable.getOrDefault(table, Map.of())); // most tables, most reads
            }
            Map<Long, Index> names = byTable.computeIfAbsent(table, t -> new HashMap<>());
            for (String index : named) {
                String[] parts = index.split(" ", 3);
                long oid = Long.parseLong(parts[0]);
                names.put(oid, new Index(parts[2], Long.parseLong(parts[1])));
                highest = Math.max(highest, oid);
            }
            return Collections.unmodifiableMap(names);
        }
    }

    /** The state after a statement, the relations not locked as in {@code previous}. */
    private static Reading locked(ResultSet rows, Reading previous, StepStart start, NewIndexes newIndexes,
                                  Consumer<Relation> seen, Consumer<Long> gone) throws SQLException {
        Map<Long, RelationState> states = new HashMap<>();
        previous.states().forEach((oid, state) -> states.put(oid, state.exists() ? state.unlocked() : state));
        Map<Long, Map<Long, Index>> indexes = new HashMap<>();
        String lockTimeout = "0";
        long indexDrops = -1;
        while (rows.next()) {
            lockTimeout = rows.getString(7);
            indexDrops = rows.getLong(13);
            newIndexes.readUpTo(rows.getLong(14));
            long oid = rows.getLong(1);
            if (rows.wasNull()) {
                continue; // no lock held
            }
            long fileNode = rows.getLong(2);
            boolean exists = !rows.wasNull();
            if (!states.containsKey(oid)) {
                if (start == null) {
                    continue; // a relation the step created
                }
                if (!exists) {
                    gone.accept(oid);
                    continue;
                }
                if (!rows.getBoolean(11)) {
                    continue; // a catalog's, a TOAST table, a sequence: not listed either
                }
                Relation relation = new Relation(oid, rows.getString(8), rows.getLong(9), rows.getBoolean(10));
                seen.accept(relation);
                RelationState before = start.before(relation, fileNode, rows.getBoolean(5));
                previous.states().put(oid, before);
                states.put(oid, before);
            }
            if (!exists) {
                states.put(oid, RelationState.GONE);
                continue;
            }
            RelationState was = states.get(oid);
            int count = was.indexes(); // an index itself
            Array named = rows.getArray(6); // null with the count: not a table
            if (named != null) {
                String[] justNamed = (String[]) named.getArray();
                indexes.put(oid, newIndexes.add(oid, justNamed));
                count = rows.getInt(12);
                if (rows.wasNull()) {
                    count = was.indexes() + justNamed.length; // no index dropped since the previous read
                }
            }
            states.put(oid, new RelationState(true, fileNode, modes(rows.getString(3)), rows.getLong(4),
                    was.validConstraints(), was.notNullColumns(), rows.getBoolean(5), count));
        }
        return new Reading(states, lockTimeout, indexes, indexDrops);
    }

    /**
     * The names of the relations among {@code oids} that were dropped (a table, an index or a materialized
     * view), from the recorder's log, once the step is over (see {@link #readLog}).
     */
    static Map<Long, String> dropped(Connection connection, Collection<Long> oids) throws SQLException {
        return readLog(connection, DROPPED, statement -> statement.setString(1,
                oids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"))), rows -> {
            Map<Long, String> names = new HashMap<>();
            while (rows.next()) {
                names.put(rows.getLong(1), rows.getString(2));
            }
            return names;
        });
    }

    /**
     * Why Postgres rewrote a table, as the change recorder's table_rewrite trigger logged it in the step; 0
     * when it logged nothing.
     */
    static int rewriteReasons(Connection connection, long table) throws SQLException {
        return readLog(connection, REWRITE_REASONS, statement -> statement.setLong(1, table),
                row -> row.next() ? row.getInt(1) : 0);
    }

    /**
     * A read of the recorder's log: inside the migration's transaction {@link UnderSavepoint}, outside one in a
     * transaction of its own, ended after the read (the log was committed).
     */
    private static <T> T readLog(Connection connection, String query, UnderSavepoint.Preparation parameters,
                                 UnderSavepoint.Rows<T> rows) throws SQLException {
        if (connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE) {
            try (PreparedStatement statement = connection.prepareStatement(query)) {
                parameters.prepare(statement);
                try (ResultSet result = statement.executeQuery()) {
                    return rows.read(result);
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            }
        }
        return UnderSavepoint.read(connection, query, parameters, rows);
    }

    /** Postgres's {@code AT_REWRITE_*} bits in words: "a column's type changed". */
    static String rewriteReason(int bits) {
        List<String> reasons = new ArrayList<>();
        if ((bits & 1) != 0) {
            reasons.add("persistence changed (LOGGED/UNLOGGED)");
        }
        if ((bits & 2) != 0) {
            reasons.add("a column added with a volatile default");
        }
        if ((bits & 4) != 0) {
            reasons.add("a column's type or storage rewritten");
        }
        if ((bits & 8) != 0) {
            reasons.add("access method changed");
        }
        return String.join(", ", reasons);
    }

    /** The indexes of a table that are not among {@code known}, the indexes it had at the step's start. */
    static List<String> newIndexes(Connection connection, long table, List<Relation> known) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(i.relname)
                from pg_catalog.pg_index x join pg_catalog.pg_class i on i.oid = x.indexrelid
                join pg_catalog.pg_namespace n on n.oid = i.relnamespace
                where x.indrelid = ? and x.indexrelid <> all(?::oid[]) order by 1""")) {
            statement.setLong(1, table);
            statement.setString(2, known.stream().filter(r -> r.isIndex() && r.table() == table)
                    .map(r -> Long.toString(r.oid())).collect(Collectors.joining(",", "{", "}")));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
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
