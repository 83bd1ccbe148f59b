package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.postgres.PostgresUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The server started while a command reads its history: taken, stopped when not taken, its failure and its lines. */
class ServerStartTest {

    private static final PostgresSettings EMBEDDED = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED);

    private final StringWriter out = new StringWriter();

    @Test
    void the_server_taken_works_until_closed_and_what_its_start_said_follows_the_commands_own_lines() throws Exception {
        PrintWriter writer = new PrintWriter(out, true);
        PostgresServer taken;
        try (ServerStart starting = ServerStart.begin(writer, progress -> {
            progress.accept("Starting Postgres");
            return PostgresServer.start(EMBEDDED, progress);
        }, server -> { })) {
            writer.println("a line of the history's");
            taken = starting.take();
            try (DisposableDatabase database = taken.createDatabase();
                 Connection connection = database.connect();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT 1")) {
                assertThat(row.next()).isTrue();
            }
        }
        assertThat(out.toString()).startsWith("a line of the history's" + System.lineSeparator() + "Starting Postgres");
        assertThatThrownBy(taken::createDatabase).as("closed with the start").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_command_that_stops_before_taking_the_server_leaves_nothing_running() {
        AtomicReference<PostgresServer> started = new AtomicReference<>();
        try (ServerStart starting = ServerStart.begin(new PrintWriter(out, true), progress -> {
            progress.accept("Starting Postgres");
            started.set(PostgresServer.start(EMBEDDED, progress));
            return started.get();
        }, server -> { })) {
            // The command stops here: a history it cannot read, or one without revisions.
        }
        assertThat(started.get()).as("closing waits for the start").isNotNull();
        assertThatThrownBy(() -> started.get().createDatabase()).isInstanceOf(IllegalStateException.class);
        assertThat(out.toString()).as("a command that stopped says nothing of a server it never used").isEmpty();
    }

    @Test
    void the_warm_up_runs_on_the_started_server_and_closing_waits_for_it() {
        AtomicReference<PostgresServer> started = new AtomicReference<>();
        AtomicReference<String> warmedIn = new AtomicReference<>();
        try (ServerStart starting = ServerStart.begin(new PrintWriter(out, true), progress -> {
            started.set(PostgresServer.start(EMBEDDED, progress));
            return started.get();
        }, server -> {
            try (DisposableDatabase scratch = server.createDatabase(); Connection connection = scratch.connect();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_database(), pg_sleep(0.3)")) {
                row.next();
                warmedIn.set(row.getString(1));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })) {
            // The command stops at once.
        }
        assertThat(warmedIn.get()).startsWith(PostgresServer.DATABASE_PREFIX);
        assertThatThrownBy(() -> started.get().createDatabase()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_start_that_failed_throws_its_own_exception_when_the_server_is_taken() {
        try (ServerStart starting = ServerStart.begin(new PrintWriter(out, true), progress -> {
            progress.accept("Trying the server at the URL");
            // Port 1: nothing listens there.
            return PostgresServer.start(PostgresSettings.fromEnvironment()
                    .withServer("jdbc:postgresql://127.0.0.1:1/postgres", "nobody", "secret"), progress);
        }, server -> { })) {
            assertThatThrownBy(starting::take).isInstanceOf(PostgresUnavailableException.class)
                    .hasMessageStartingWith("No Postgres could be provided");
        }
        assertThat(out.toString()).contains("Trying the server at the URL");
    }
}
