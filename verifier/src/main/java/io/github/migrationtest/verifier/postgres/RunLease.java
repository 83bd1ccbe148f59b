package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a live run's databases on a shared server from a dead one's. A run holds a session-level
 * advisory lock, keyed by its run id, on a connection of its own for as long as it lives; each of
 * its databases names that lock in its comment. Postgres releases the lock when the connection
 * ends, also when the run is killed with {@code kill -9}, so a database whose comment names a lock
 * nobody holds, and that nobody is connected to, was left by a dead run and may be dropped.
 */
final class RunLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);
    /** The first key of every run's lock ("mt_r"): other tools' advisory locks use other numbers. */
    static final int LOCK_SPACE = 0x6d74_5f72;
    private static final String OWNED = "advisory lock " + LOCK_SPACE + "/";

    /**
     * The databases a dead run left: ours by prefix and by a comment naming a lock (databases of
     * versions before the lock, and anybody else's, never match), the lock not held on any database
     * of the server, and nobody connected. Advisory locks belong to one database, but pg_locks shows
     * all of them, so runs that connect to different administration databases still see each other.
     */
    private static final String DEAD_RUNS_DATABASES = """
            SELECT d.datname FROM pg_database d,
                LATERAL (SELECT shobj_description(d.oid, 'pg_database') AS text) c
            WHERE d.datname LIKE 'migrationtest\\_%' AND c.text LIKE 'migrationtest disposable database, run %'
              AND c.text LIKE ?
              AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
                  AND l.objsubid = 2 AND l.classid::text = ?
                  AND l.objid::text = substring(c.text FROM 'advisory lock [0-9]+/([0-9]+)'))
              AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
            ORDER BY d.datname""";

    /**
     * The roles a dead run made for its migrations (see {@link MigrationRole}): marked like its
     * databases, and logged in nowhere. Asked after the databases are gone, which they owned.
     */
    private static final String DEAD_RUNS_ROLES = DEAD_RUNS_DATABASES
            .replace("d.datname", "d.rolname").replace("pg_database d", "pg_roles d")
            .replace("shobj_description(d.oid, 'pg_database')", "shobj_description(d.oid, 'pg_authid')")
            .replace("a.datname = d.rolname", "a.usename = d.rolname");

    private final ServerEndpoint endpoint;
    private Connection holder;
    private boolean closed;
    private final int key;

    private RunLease(ServerEndpoint endpoint, Connection holder, int key) {
        this.endpoint = endpoint;
        this.holder = holder;
        this.key = key;
    }

    /** Takes a lock no other live run holds; its key is the run's id. */
    static RunLease acquire(ServerEndpoint endpoint) throws SQLException {
        Connection holder = endpoint.connectAdmin();
        try (PreparedStatement lock = holder.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            while (true) {
                // Non-negative, so the key reads the same in pg_locks (an oid) as in the comment.
                int key = ThreadLocalRandom.current().nextInt() & Integer.MAX_VALUE;
                lock.setInt(1, LOCK_SPACE);
                lock.setInt(2, key);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return new RunLease(endpoint, holder, key);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /**
     * Takes the lock again if its connection was lost (a migration may terminate other sessions):
     * without it this run's databases would look abandoned. Asked before each database is made.
     */
    synchronized void ensureHeld() throws SQLException {
        if (closed || holder.isValid(5)) {
            return;
        }
        holder.close();
        holder = endpoint.connectAdmin();
        try (PreparedStatement lock = holder.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setInt(2, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    throw new SQLException("advisory lock " + LOCK_SPACE + "/" + key + " is held by another session");
                }
            }
        }
        LOG.warn("This run's lock connection was closed by the server; took the lock again on a new one");
    }

    /** The run's id, eight hex digits, as in its databases' names. */
    String runId() {
        return HexFormat.of().toHexDigits(key);
    }

    /** What a database's comment says so that a later run can tell whether its run still lives. */
    String marking() {
        return "alive while it holds " + OWNED + Integer.toUnsignedString(key);
    }

    /**
     * Drops the databases of runs that are gone and returns their names. A database that cannot be
     * dropped (another user's, or one somebody connected to meanwhile) is left for a later run: the
     * drop is without {@code FORCE}, so a connection it did not expect keeps it.
     */
    static List<String> reclaimDead(AdminConnections admin, String server) {
        List<String> dropped = new ArrayList<>();
        List<String> dead;
        try {
            dead = admin.use(statement -> deadRunsDatabases(statement.getConnection()));
        } catch (SQLException e) {
            LOG.warn("Could not look for databases left by killed runs on {}: {}", server, e.getMessage());
            return dropped;
        }
        dropAll(admin, server, dead, "DROP DATABASE IF EXISTS ", dropped);
        return dropped;
    }

    /** Drops the roles dead runs made for their migrations (after {@link #reclaimDead}) and returns their names. */
    static List<String> reclaimDeadRoles(AdminConnections admin, String server) {
        List<String> dropped = new ArrayList<>();
        List<String> dead;
        try {
            dead = admin.use(statement -> deadRunsDatabases(statement.getConnection(), DEAD_RUNS_ROLES));
        } catch (SQLException e) {
            LOG.warn("Could not look for roles left by killed runs on {}: {}", server, e.getMessage());
            return dropped;
        }
        dropAll(admin, server, dead, "DROP ROLE IF EXISTS ", dropped);
        return dropped;
    }

    private static void dropAll(AdminConnections admin, String server, List<String> names, String drop,
                                List<String> dropped) {
        for (String name : names) {
            try {
                admin.use(statement -> statement.execute(drop + PostgresServer.quote(name)));
                dropped.add(name);
            } catch (SQLException e) {
                // A role still owning a database that could not be dropped stays until that database goes.
                LOG.warn("Could not drop {}, left on {} by a run that ended without cleaning up: {}", name, server,
                        e.getMessage());
            }
        }
    }

    private static List<String> deadRunsDatabases(Connection connection) throws SQLException {
        return deadRunsDatabases(connection, DEAD_RUNS_DATABASES);
    }

    private static List<String> deadRunsDatabases(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, "%" + OWNED + "%");
            query.setString(2, Integer.toString(LOCK_SPACE));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** Ends the lease: the lock goes with the connection. */
    @Override
    public synchronized void close() {
        closed = true; // the run is ending: a database made meanwhile is dropped, not marked as alive
        try {
            holder.close();
        } catch (SQLException e) {
            LOG.debug("Closing the run's lock connection: {}", e.getMessage());
        }
    }
}
