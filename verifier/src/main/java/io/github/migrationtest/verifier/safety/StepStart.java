package io.github.migrationtest.verifier.safety;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashMap;

/**
 * What a transactional step's start tells about the relations that exist then, without listing them: a
 * relation is read only once it shows up locked. Inside a transaction anything changed, scanned or dropped
 * is locked, and its state before the transaction is derived from these bounds, so the read costs the
 * same on a schema of ten relations or of thousands.
 *
 * @param highestOid the highest oid of any relation: a relation above it was created by the step
 * @param highestFileNode the highest relfilenode of any relation: a new one is drawn from the oid counter,
 *     which is above every number handed out before, so a relfilenode above it was assigned in the step
 *     (a rewrite, or a truncation)
 * @param anyRelation whether the user has a table, materialized view or index at all
 * @param pendingScans sequential scans the session counted but has not flushed yet, by table (the session's
 *     scan counters are read as differences, and a previous transaction may have left counts there; none after a
 *     flush, see {@link #read})
 * @param indexCounts how many indexes each table has
 * @param lockTimeout the session's lock_timeout
 * @param recorder whether the change recorder is installed, whose log names what a step dropped
 * @param userEventTriggers whether an event trigger other than migrationtest's own is installed, which may do
 *     anything on any DDL (see {@link QuietStatements})
 */
record StepStart(long highestOid, long highestFileNode, boolean anyRelation, OidCounts pendingScans,
                 OidCounts indexCounts, String lockTimeout, boolean recorder, boolean userEventTriggers) {

    /**
     * One row of aggregates. The two maxima walk an index backwards; the scan counters and the index counts
     * are a pass over the user's oids that returns numbers only (no names, no row per relation).
     */
    private static final String START = """
            select (select pg_catalog.max(c.oid) from pg_catalog.pg_class c),
                   greatest(
                       (select pg_catalog.max(c.relfilenode) from pg_catalog.pg_class c where c.reltablespace = 0),
                       (select pg_catalog.max((select pg_catalog.max(c.relfilenode) from pg_catalog.pg_class c
                            where c.reltablespace = t.oid)) from pg_catalog.pg_tablespace t)),
                   exists (select from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                       where c.oid >= 16384 and c.relkind in ('r', 'p', 'm', 'i', 'I')
                         and n.nspname not in ('pg_catalog', 'information_schema', 'migrationtest_recorder')
                         and n.nspname not like 'pg\\_%'),
                   PENDING_SCANS,
                   (select pg_catalog.string_agg(x.indrelid::text, ',') from pg_catalog.pg_index x
                       where x.indexrelid >= 16384),
                   pg_catalog.current_setting('lock_timeout'),
                   pg_catalog.to_regclass('migrationtest_recorder.touched') is not null,
                   exists (select from pg_catalog.pg_event_trigger e where e.evtname not like 'migrationtest\\_%')""";

    /**
     * The scans the session counted but has not flushed, by table: a pass over every table of the schema, the
     * larger part of the start's cost (generated-200's 300 tables: 0.22 of 0.39 ms in a transaction after a DDL).
     */
    private static final String PENDING_SCANS = """
            (select pg_catalog.string_agg(c.oid::text || ':' || s.scans, ',') from pg_catalog.pg_class c
                cross join lateral (select pg_catalog.pg_stat_get_xact_numscans(c.oid) as scans) s
                where c.oid >= 16384 and c.relkind in ('r', 'p', 'm') and s.scans > 0)""";

    /** The start read where every pending count is known to be zero. */
    private static final String START_FLUSHED = START.replace("PENDING_SCANS", "null");
    private static final String START_COUNTING = START.replace("PENDING_SCANS", PENDING_SCANS);

    /**
     * Reads the start of a step; inside the step's transaction, which this read opens.
     *
     * @param scansFlushed whether the session has flushed its statistics since anything scanned a user's table
     *     on it (the walk's reset does on Postgres 15 and later): then no table has a scan pending and none is read
     */
    static StepStart read(Connection connection, boolean scansFlushed) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(scansFlushed ? START_FLUSHED : START_COUNTING);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return new StepStart(row.getLong(1), row.getLong(2), row.getBoolean(3), OidCounts.ofPairs(row.getString(4)),
                    OidCounts.ofOccurrences(row.getString(5)), row.getString(6), row.getBoolean(7), row.getBoolean(8));
        }
    }

    /** The reading of the step's start: no relation read yet, the session's lock_timeout. */
    CatalogReads.Reading reading() {
        return new CatalogReads.Reading(new HashMap<>(), lockTimeout);
    }

    /**
     * A relation's state when the step started, as a relation that shows up locked for the first time in the
     * step had it: no lock of this transaction, its relfilenode then (or one that differs from any, when it
     * got a new one in the step), the counts it had. What the step changed in its constraints, NOT NULL
     * columns or partitioning is not known, as a listing without details does not know it.
     *
     * @param fileNode its relfilenode now
     * @param isPartition whether it is a partition now
     */
    RelationState before(Relation relation, long fileNode, boolean isPartition) {
        long then = fileNode > highestFileNode ? -1 : fileNode;
        return new RelationState(true, then, EnumSet.noneOf(LockMode.class), pendingScans.of(relation.oid()),
                RelationState.UNKNOWN, null, isPartition, relation.isIndex() ? 0 : (int) indexCounts.of(relation.oid()));
    }
}
