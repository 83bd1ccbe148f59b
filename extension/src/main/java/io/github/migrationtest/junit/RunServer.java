package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Postgres server of one test run, kept in the root store. It is the JVM's shared server for
 * the settings, so test runs in one JVM (IDE re-runs, the JUnit test kit) do not each pay for a
 * start; the server stops when the JVM exits. Closing this drops whatever the run left behind.
 */
final class RunServer implements AutoCloseable {

    private final PostgresServer server;
    private final Set<DisposableDatabase> open = ConcurrentHashMap.newKeySet();

    private RunServer(PostgresServer server) {
        this.server = server;
    }

    static RunServer start(PostgresSettings settings) {
        return new RunServer(PostgresServer.shared(settings));
    }

    PostgresServer server() {
        return server;
    }

    DisposableDatabase createDatabase() {
        return track(server.createDatabase());
    }

    DisposableDatabase createDatabaseFrom(DisposableDatabase template) {
        return track(server.createDatabaseFrom(template));
    }

    private DisposableDatabase track(DisposableDatabase database) {
        open.add(database);
        return database;
    }

    /** Drops the database, or keeps it when it was marked for keeping. */
    void release(DisposableDatabase database) {
        open.remove(database);
        database.close();
    }

    @Override
    public void close() {
        for (DisposableDatabase database : Set.copyOf(open)) {
            release(database);
        }
    }
}
