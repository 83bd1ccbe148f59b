package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded Postgres 15.20 stores a {@code pg_attver=<number>} option on every column it creates, a new number
 * each time: a table dropped and made again by the same DDL must read the same (every table's round trip failed on
 * {@code --postgres 15}, and the closing SQL proposed {@code ALTER COLUMN ... SET (pg_attver=...)}).
 */
class ColumnOptionsTest {

    @ParameterizedTest(name = "Postgres {0}")
    @ValueSource(ints = {15, 17})
    void a_table_made_again_by_the_same_ddl_reads_the_same_and_its_own_options_are_kept(int major) throws Exception {
        PostgresSettings settings = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED).withMajorVersion(major);
        try (PostgresServer server = PostgresServer.start(settings);
             DisposableDatabase db = server.createDatabase();
             Connection connection = db.connect();
             Statement statement = connection.createStatement()) {
            String ddl = "CREATE TABLE public.t (id int, s text); ALTER TABLE public.t ALTER COLUMN id SET (n_distinct = 5)";
            statement.execute(ddl);
            String first = SnapshotText.render(SnapshotReader.read(connection));
            statement.execute("DROP TABLE public.t; CREATE TABLE public.other (id int); " + ddl);
            statement.execute("DROP TABLE public.other");
            String second = SnapshotText.render(SnapshotReader.read(connection));
            assertThat(second).isEqualTo(first).contains("n_distinct=5").doesNotContain("pg_attver");
        }
    }
}
