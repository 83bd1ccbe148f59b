package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void smoke() throws Exception {
        long t0 = System.nanoTime();
        try (PostgresServer server = PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.EMBEDDED))) {
            System.err.println("start ms " + (System.nanoTime() - t0) / 1e6 + " " + server.description());
            try (DisposableDatabase db = server.createDatabase(); Connection c = db.connect(); Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("select current_database(), current_setting('fsync')");
                r.next();
                assertThat(r.getString(1)).isEqualTo(db.name());
                assertThat(r.getString(2)).isEqualTo("off");
            }
        }
    }
}
