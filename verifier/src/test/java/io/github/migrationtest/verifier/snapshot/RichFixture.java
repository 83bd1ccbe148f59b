package io.github.migrationtest.verifier.snapshot;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases holding the rich fixture schema (every object kind), for tests against a real Postgres. */
public final class RichFixture {
    private RichFixture() {
    }

    /** A fresh database with the rich fixture loaded. */
    public static DisposableDatabase create() throws SQLException {
        DisposableDatabase database = PostgresServer.shared().createDatabase();
        execute(database, resource("/snapshot/rich-fixture.sql"));
        return database;
    }

    /** Runs SQL (several statements allowed) on the database in autocommit mode. */
    public static void execute(DisposableDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The snapshot of a fresh database after this SQL; the database is dropped again. */
    public static SchemaSnapshot built(String sql) throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase()) {
            execute(database, sql);
            return snapshot(database);
        }
    }

    /** Reads a snapshot with the default options on a connection of its own. */
    public static SchemaSnapshot snapshot(DisposableDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            return SnapshotReader.read(connection);
        }
    }

    public static String resource(String name) {
        try (InputStream in = RichFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource not found: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
