package io.github.migrationtest.verifier.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live databases migrated by Flyway and Liquibase themselves (through the verifier's sources, which run
 * them), so their tables are the tools' own: the status finds the revision and what is pending.
 */
class ToolHistoriesStatusTest {

    @TempDir
    Path dir;

    @Test
    void a_database_flyway_migrated_to_version_2_of_3() throws Exception {
        Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("U1__users.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX users_name_idx ON users (name);\n");
        Files.writeString(dir.resolve("U2__index.sql"), "DROP INDEX users_name_idx;\n");
        Files.writeString(dir.resolve("V3__email.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        Files.writeString(dir.resolve("U3__email.sql"), "ALTER TABLE users DROP COLUMN email;\n");

        LiveStatus status = statusAfter(dir.toString(), SourceType.FLYWAY, 2);

        assertThat(status.bookkeeping()).contains("public.flyway_schema_history (Flyway)");
        assertThat(status.revision()).isEqualTo("2 (index)");
        assertThat(status.pending()).containsExactly("3 (email)");
        assertThat(status.drift().differs()).isFalse();
    }

    @Test
    void a_database_liquibase_updated_to_changeset_2_of_3() throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset ann:users
                CREATE TABLE users (id int PRIMARY KEY, name text);
                --rollback DROP TABLE users;

                --changeset ann:index
                CREATE INDEX users_name_idx ON users (name);
                --rollback DROP INDEX users_name_idx;

                --changeset ann:email
                ALTER TABLE users ADD COLUMN email text;
                --rollback ALTER TABLE users DROP COLUMN email;
                """);

        LiveStatus status = statusAfter(changelog.toString(), SourceType.LIQUIBASE, 2);

        assertThat(status.bookkeeping()).contains("public.databasechangelog (Liquibase)");
        assertThat(status.revision()).startsWith("index");
        assertThat(status.pending()).singleElement().asString().startsWith("email");
        assertThat(status.drift().differs()).isFalse();
    }

    private static LiveStatus statusAfter(String location, SourceType type, int applied) throws Exception {
        try (DisposableDatabase live = PostgresServer.shared().createDatabase();
             MigrationSource source = MigrationSources.open(location, SourceOptions.defaults().withType(type))) {
            try (Connection connection = live.connect()) {
                for (int i = 0; i < applied; i++) {
                    source.upgrade(source.revisions().get(i), connection);
                }
            }
            return LiveCheck.run(LiveDatabase.at(live.jdbcUrl(), live.user(), live.password()), source,
                    PostgresServer.shared(), LiveCheck.Settings.defaults());
        }
    }
}
