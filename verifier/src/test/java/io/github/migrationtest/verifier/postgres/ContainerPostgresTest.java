package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The Testcontainers backend for real; skipped, with the reason, where there is no Docker. */
@RequiresDocker
class ContainerPostgresTest {

    @Test
    void starts_a_container_and_hands_out_databases() throws Exception {
        PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment()
                .withBackend(Backend.TESTCONTAINERS).withMajorVersion(16));
        DisposableDatabase db;
        try (server) {
            db = server.createDatabase();
            try (db;
                 Connection connection = db.connect();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                         + " current_setting('fsync')")) {
                row.next();
                assertThat(server.backend()).isEqualTo(Backend.TESTCONTAINERS);
                assertThat(row.getInt(1)).isEqualTo(16);
                assertThat(row.getString(2)).isEqualTo("off");
            }
        }
        // Closing the server stops the container: nothing answers on its port any more.
        assertThatThrownBy(db::connect).isInstanceOf(SQLException.class);
    }
}
