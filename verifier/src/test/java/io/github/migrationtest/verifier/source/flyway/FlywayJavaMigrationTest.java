package io.github.migrationtest.verifier.source.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SchemaProbe;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class FlywayJavaMigrationTest {

    private static final String LOCATION = "classpath:io/github/migrationtest/verifier/source/flyway/javamigrations";

    @Test
    void java_migrations_and_callbacks_run_through_flyway_and_u_scripts_undo_them() throws Exception {
        MigrationSource source = MigrationSources.open(LOCATION, SourceOptions.defaults());
        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("1", "people", true), tuple("2", "Backfill names", true));

        try (DisposableDatabase database = PostgresServer.shared().createDatabase(); Connection connection = database.connect()) {
            SchemaProbe probe = new SchemaProbe(connection);
            source.upgrade(source.revisions().get(0), connection);
            source.upgrade(source.revisions().get(1), connection);
            assertThat(probe.value("select display_name from people")).isEqualTo("ADA");
            assertThat(probe.value("select count(*) from callback_log")).as("afterMigrate ran once per upgrade").isEqualTo("2");

            source.downgrade(source.revisions().get(1), connection);
            assertThat(probe.columns("people")).containsExactly("id", "name");
            source.upgrade(source.revisions().get(1), connection);
            assertThat(probe.columns("people")).containsExactly("id", "name", "display_name");
        }
    }
}
