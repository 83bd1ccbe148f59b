package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.live.LiveCheck;
import io.github.migrationtest.verifier.live.LiveDatabase;
import io.github.migrationtest.verifier.live.LiveStatus;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assertThat(liveStatus)} in an integration test: a second disposable database plays the live one. */
class LiveStatusAssertTest {

    @TempDir
    Path dir;
    private DisposableDatabase live;

    @BeforeEach
    void history() throws Exception {
        Files.writeString(dir.resolve("0001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(dir.resolve("0002_email.up.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        Files.writeString(dir.resolve("0002_email.down.sql"), "ALTER TABLE users DROP COLUMN email;\n");
        live = PostgresServer.shared().createDatabase();
    }

    @AfterEach
    void drop() {
        live.close();
    }

    private LiveStatus statusAfter(int upgrades, String handMade) throws Exception {
        try (MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults())) {
            try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
                for (int i = 0; i < upgrades; i++) {
                    source.upgrade(source.revisions().get(i), connection);
                }
                if (handMade != null) {
                    statement.execute(handMade);
                }
            }
            return LiveCheck.run(LiveDatabase.of(live.dataSource(), "staging"), source, PostgresServer.shared(),
                    LiveCheck.Settings.defaults());
        }
    }

    @Test
    void should_pass_when_the_live_database_is_at_head_without_drift() throws Exception {
        LiveStatus status = statusAfter(2, null);

        assertThat(status).isInSync().isAtHead().isAtRevision("0002").hasNotDrifted();
    }

    @Test
    void should_fail_when_the_live_database_is_behind_naming_what_is_pending() throws Exception {
        LiveStatus status = statusAfter(1, null);

        assertThat(status).isAtRevision("0001").hasNotDrifted();
        assertThatThrownBy(() -> assertThat(status).isAtHead())
                .hasMessageStartingWith("[staging] expected the live database at the history's head,"
                        + " but it is at 0001 (users), behind by 1")
                .hasMessageContaining("Pending (in the history, never applied): 1\n  0002 (email)");
    }

    @Test
    void should_fail_when_the_live_schema_drifted_with_the_difference_and_the_sql() throws Exception {
        LiveStatus status = statusAfter(2, "ALTER TABLE users ADD COLUMN age int");

        assertThat(status).isAtHead();
        assertThatThrownBy(() -> assertThat(status).hasNotDrifted())
                .hasMessageStartingWith("[staging] expected the live schema to be that of its revision,"
                        + " but it is at 0002 (email), drifted from 0002 (email)")
                .hasMessageContaining("public.users.age: unexpected column: integer")
                .hasMessageContaining("ALTER TABLE public.users DROP COLUMN age;");
    }
}
