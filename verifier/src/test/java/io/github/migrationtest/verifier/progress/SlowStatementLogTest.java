package io.github.migrationtest.verifier.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The lines a log (the extension's standard error) gets about any session in the run's databases,
 * whoever opened it: the watch looks at the server, not at the tool.
 */
class SlowStatementLogTest {

    private final PostgresServer server = PostgresServer.shared();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void a_slow_statement_in_a_run_s_database_gets_a_line_and_a_quick_one_none() throws SQLException {
        StatementWatch watch;
        try (DisposableDatabase database = server.createDatabase();
             Connection connection = database.connectForMigrations(); Statement statement = connection.createStatement();
             StatementWatch started = SlowStatementLog.watch(server, Duration.ofSeconds(1), lines::add)) {
            watch = started;
            for (int i = 0; i < 20; i++) {
                statement.execute("SELECT 1");
            }
            statement.execute("SELECT pg_sleep(0.5)");
            assertThat(lines).as("statements quicker than the interval").isEmpty();

            statement.execute("SELECT pg_sleep(2.2)");
        }

        assertThat(lines).singleElement().asString().matches("running [12] s: SELECT pg_sleep\\(2\\.2\\)");
        assertThat(watch.isStopped()).as("thread ended and connection closed").isTrue();
    }

    @Test
    void closing_the_watch_while_it_looks_ends_its_thread_and_closes_its_connection() throws SQLException {
        StatementWatch watch = SlowStatementLog.watch(server, Duration.ofMillis(100), lines::add);
        try (DisposableDatabase database = server.createDatabase();
             Connection connection = database.connectForMigrations(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_sleep(0.5)"); // the watch looks every 100 ms meanwhile
        } finally {
            watch.close();
        }

        assertThat(lines).isNotEmpty();
        assertThat(watch.isStopped()).isTrue();
    }
}
