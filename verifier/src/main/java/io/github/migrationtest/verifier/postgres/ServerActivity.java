package io.github.migrationtest.verifier.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What the server is running in a run's databases, read from {@code pg_stat_activity} on a
 * connection of its own to the administration database: it watches every source alike (SQL files,
 * Flyway, Liquibase, an Alembic subprocess) and never touches a migration's session. The
 * connection is opened at the first look, so a run that never looks costs nothing.
 */
public final class ServerActivity implements AutoCloseable {

    private static final String QUERY = "SELECT pid, datname, query, query_start,"
            + " extract(epoch FROM clock_timestamp() - query_start), wait_event_type, pg_blocking_pids(pid)"
            + " FROM pg_stat_activity"
            + " WHERE datname = ANY (?) AND state = 'active' AND pid <> pg_backend_pid()"
            + " AND query_start < clock_timestamp() - make_interval(secs => ?)"
            + " ORDER BY query_start, pid";

    private final PostgresServer server;
    /** Volatile, and closed without the look's lock: closing must not wait for a look stuck on the network. */
    private volatile Connection connection;
    private PreparedStatement query;

    private ServerActivity(PostgresServer server) {
        this.server = server;
    }

    /** Watches the databases {@code server} hands out, as they come and go. */
    public static ServerActivity of(PostgresServer server) {
        return new ServerActivity(server);
    }

    /** The statements that have run longer than {@code atLeast}, the longest first. */
    public synchronized List<RunningStatement> runningLongerThan(Duration atLeast) throws SQLException {
        Set<String> databases = server.openDatabases();
        if (databases.isEmpty()) {
            return List.of();
        }
        PreparedStatement statement = prepared();
        Array names = statement.getConnection().createArrayOf("text", databases.toArray());
        statement.setArray(1, names);
        statement.setDouble(2, atLeast.toNanos() / 1e9);
        List<RunningStatement> running = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Integer[] blockers = (Integer[]) rows.getArray(7).getArray();
                running.add(new RunningStatement(rows.getInt(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant(), Duration.ofMillis(Math.round(rows.getDouble(5) * 1000)),
                        rows.getString(6) == null ? "" : rows.getString(6), Arrays.asList(blockers)));
            }
        }
        return running;
    }

    private PreparedStatement prepared() throws SQLException {
        Connection open = connection;
        if (open == null || open.isClosed()) {
            open = server.running().endpoint().connectAdmin();
            try (Statement settings = open.createStatement()) {
                // A watcher that waits would show nothing: it gives up on a look rather than hang with the run.
                settings.execute("SET application_name = 'migrationtest watch'; SET statement_timeout = '5s';"
                        + " SET lock_timeout = '1s'");
            }
            query = open.prepareStatement(QUERY);
            connection = open;
        }
        return query;
    }

    /** Whether a connection is open; for tests that prove it is closed. */
    public boolean isConnected() throws SQLException {
        Connection open = connection;
        return open != null && !open.isClosed();
    }

    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (SQLException ignored) {
            // Best effort: the server may be gone already.
        }
    }
}
