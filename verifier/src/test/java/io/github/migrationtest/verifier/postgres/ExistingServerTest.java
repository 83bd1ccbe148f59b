package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The existing-server backend, against a server this test starts itself and treats as someone else's. */
class ExistingServerTest {

    private static PostgresServer host;
    private static DisposableDatabase application;
    private static String url;

    @BeforeAll
    static void startSomeoneElsesServer() throws SQLException {
        host = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        application = host.createDatabase();
        try (Connection connection = application.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE precious (id int PRIMARY KEY)");
            statement.execute("INSERT INTO precious VALUES (1), (2)");
            statement.execute("CREATE ROLE no_createdb LOGIN PASSWORD 'no_createdb'");
            // A database with our prefix that this run did not create: it must survive.
            statement.execute("CREATE DATABASE migrationtest_someone_else");
        }
        url = application.jdbcUrl();
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE migrationtest_someone_else");
        }
        host.close();
    }

    @Test
    void creates_and_drops_only_its_own_databases_and_leaves_the_url_database_unchanged() throws SQLException {
        List<String> created = new ArrayList<>();
        try (PostgresServer server = PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(url, application.user(), application.password()))) {
            assertThat(server.backend()).isEqualTo(Backend.SERVER);
            assertThat(server.description()).startsWith("existing Postgres 17");
            for (int i = 0; i < 3; i++) {
                DisposableDatabase db = server.createDatabase();
                created.add(db.name());
                assertThat(databaseExists(db.name())).isTrue();
                assertThat(comment(db.name())).startsWith("migrationtest disposable database, run ");
                db.close();
                assertThat(databaseExists(db.name())).isFalse();
            }
            DisposableDatabase leftOpen = server.createDatabase();
            created.add(leftOpen.name());
        }
        assertThat(created).doesNotHaveDuplicates().allSatisfy(name -> assertThat(databaseExists(name)).isFalse());
        assertThat(databaseExists("migrationtest_someone_else")).isTrue();
        try (Connection connection = application.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM precious")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
        assertThat(host.openDatabases()).containsExactly(application.name());
    }

    @Test
    void a_user_without_createdb_gets_an_error_that_says_so_and_how_to_fix_it() {
        assertThatThrownBy(() -> PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(url, "no_createdb", "no_createdb")))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("server: user 'no_createdb' on " + url + " may not create databases")
                .hasMessageContaining("Fix: ALTER ROLE no_createdb CREATEDB");
    }

    @Test
    void an_unreachable_server_is_reported_with_its_url() {
        String closed = "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2";
        assertThatThrownBy(() -> PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(closed, "postgres", null)))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("server: could not connect to " + closed);
    }

    private static boolean databaseExists(String name) {
        return query("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'").equals("1");
    }

    private static String comment(String name) {
        return query("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + name + "'");
    }

    private static String query(String sql) {
        try (Connection connection = application.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
