package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small golang-migrate history (users, an index, an email column) and a second disposable database
 * that plays the live one, which tests bring to a revision with the history's own upgrades or by hand.
 */
final class LiveFixture implements AutoCloseable {

    static final String[][] REVISIONS = {
        {"0001_users", "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;"},
        {"0002_name_index", "CREATE INDEX users_name_idx ON users (name);", "DROP INDEX users_name_idx;"},
        {"0003_email", "ALTER TABLE users ADD COLUMN email text;", "ALTER TABLE users DROP COLUMN email;"},
    };

    final Path history;
    final DisposableDatabase live;

    LiveFixture(Path dir) throws IOException {
        history = Files.createDirectories(dir.resolve("migrations"));
        for (String[] revision : REVISIONS) {
            Files.writeString(history.resolve(revision[0] + ".up.sql"), revision[1] + "\n");
            Files.writeString(history.resolve(revision[0] + ".down.sql"), revision[2] + "\n");
        }
        live = PostgresServer.shared().createDatabase();
    }

    MigrationSource source() {
        return MigrationSources.open(history, SourceOptions.defaults());
    }

    /** Brings the live database to revision {@code count} the way golang-migrate would, its table included. */
    LiveFixture upgradedTo(int count) throws SQLException {
        MigrationSource source = source();
        try (Connection connection = live.connect()) {
            for (int i = 0; i < count; i++) {
                source.upgrade(source.revisions().get(i), connection);
            }
        }
        return this;
    }

    /** Runs the first {@code count} upgrades' SQL by hand: the schema without any table of applied versions. */
    LiveFixture builtByHandTo(int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            execute(REVISIONS[i][1]);
        }
        return this;
    }

    LiveFixture execute(String sql) throws SQLException {
        try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return this;
    }

    LiveDatabase liveDatabase() {
        return LiveDatabase.at(live.jdbcUrl(), live.user(), live.password());
    }

    LiveStatus status(LiveCheck.Settings settings) throws SQLException {
        try (MigrationSource source = source()) {
            return LiveCheck.run(liveDatabase(), source, PostgresServer.shared(), settings);
        }
    }

    LiveStatus status() throws SQLException {
        return status(LiveCheck.Settings.defaults());
    }

    @Override
    public void close() {
        live.close();
    }
}
