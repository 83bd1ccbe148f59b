package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Server start (cold: binaries not yet extracted and no initialised cluster; warm: both cached)
 * and database creation, on the embedded backend.
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=ServerBenchmark}
 */
public final class ServerBenchmark {

    private ServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PostgresSettings settings = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED);
        Path coldCache = Files.createTempDirectory("migrationtest-bench-");
        String originalTmp = System.getProperty("java.io.tmpdir");

        Measure.header("Disposable Postgres (embedded " + settings.majorVersion() + ")");
        System.setProperty("java.io.tmpdir", coldCache.toString()); // a cache no run has filled yet
        try {
            Measure.row("server start, cold (extract binaries, initdb, start)",
                    Measure.onceMillis(() -> PostgresServer.start(settings).close()));
            Measure.row("server start, warm (cached binaries and cluster)",
                    Measure.medianMillis(5, () -> PostgresServer.start(settings).close()));
        } finally {
            // Also when a start fails: the rest must not run in the cold cache, nor leave it behind.
            System.setProperty("java.io.tmpdir", originalTmp);
            TempFolders.delete(coldCache);
        }

        try (PostgresServer server = PostgresServer.start(settings)) {
            Measure.medianMillis(5, () -> server.createDatabase().close()); // warm-up
            Measure.row("create an empty database", Measure.medianMillis(30, () -> createOnly(server)));
            Measure.row("create and drop an empty database", Measure.medianMillis(30, () -> server.createDatabase().close()));
            try (DisposableDatabase template = server.createDatabase()) {
                createTables(template, 100);
                Measure.row("clone a 100-table database (createDatabaseFrom)",
                        Measure.medianMillis(20, () -> server.createDatabaseFrom(template).close()));
            }
        }
    }

    private static void createOnly(PostgresServer server) {
        // Dropped when the server closes; only the creation is timed.
        server.createDatabase();
    }

    static void createTables(DisposableDatabase db, int count) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                statement.addBatch("CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now())");
                statement.addBatch("CREATE INDEX t" + i + "_name_idx ON t" + i + " (name)");
            }
            statement.executeBatch();
        }
    }
}
