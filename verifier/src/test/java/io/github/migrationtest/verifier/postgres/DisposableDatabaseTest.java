package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DisposableDatabaseTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void each_database_is_fresh_and_empty() throws SQLException {
        try (DisposableDatabase first = server.createDatabase()) {
            execute(first, "CREATE TABLE t (id int)");
            try (DisposableDatabase second = server.createDatabase()) {
                assertThat(second.name()).isNotEqualTo(first.name());
                assertThat(scalar(second, "SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo("0");
            }
        }
    }

    @Test
    void a_database_cloned_from_another_has_its_schema_and_data() throws SQLException {
        try (DisposableDatabase state = server.createDatabase()) {
            execute(state, "CREATE TYPE mood AS ENUM ('sad', 'ok'); CREATE TABLE t (m mood); INSERT INTO t VALUES ('ok')");
            try (DisposableDatabase clone = server.createDatabaseFrom(state)) {
                assertThat(scalar(clone, "SELECT m::text FROM t")).isEqualTo("ok");
            }
        }
    }

    @Test
    void a_clone_has_the_settings_of_its_template_spelled_as_the_template_stores_them() throws SQLException {
        try (DisposableDatabase state = server.createDatabase()) {
            execute(state, "ALTER DATABASE " + state.name() + " SET search_path = \"$user\", app, public;"
                    + " ALTER DATABASE " + state.name() + " SET statement_timeout = 5000;"
                    + " ALTER DATABASE " + state.name() + " SET timezone = 'America/New_York'");
            try (DisposableDatabase clone = server.createDatabaseFrom(state)) {
                assertThat(settings(clone)).isEqualTo(settings(state))
                        .isEqualTo("{\"search_path=\\\"$user\\\", app, public\",statement_timeout=5000,TimeZone=America/New_York}");
            }
        }
    }

    @Test
    void an_owner_without_superuser_copies_the_settings_through_alter_database() throws SQLException {
        try (DisposableDatabase state = server.createDatabase(); DisposableDatabase copy = server.createDatabase()) {
            execute(state, "ALTER DATABASE " + state.name() + " SET search_path = \"$user\", app, public;"
                    + " ALTER DATABASE " + state.name() + " SET statement_timeout = 5000;" // not respelled 5s
                    + " ALTER DATABASE " + state.name() + " SET timezone = 'America/New_York'");
            try (Connection owner = copy.connectForMigrations(); Statement statement = owner.createStatement()) {
                assertThat(scalar(copy, "SELECT rolsuper::text FROM pg_roles WHERE rolname = (SELECT pg_get_userbyid(datdba)"
                        + " FROM pg_database WHERE datname = current_database())")).isEqualTo("false");
                assertThat(ClonedSettings.copy(statement, state.name(), copy.name())).isEmpty();
            }
            assertThat(settings(copy)).isEqualTo(settings(state));
        }
    }

    @Test
    void a_server_user_that_is_neither_superuser_nor_owner_copies_them_as_the_owner_or_leaves_them_with_a_warning()
            throws SQLException {
        try (DisposableDatabase state = server.createDatabase(); DisposableDatabase member = server.createDatabase();
             DisposableDatabase stranger = server.createDatabase()) {
            execute(state, "ALTER DATABASE " + state.name() + " SET timezone = 'Asia/Tokyo'");
            String owner = scalar(member, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()");
            String role = "mt_copier_" + Long.toHexString(System.nanoTime());
            execute(member, "CREATE ROLE " + role + " LOGIN PASSWORD 'copier' NOSUPERUSER IN ROLE " + owner
                    + "; CREATE ROLE " + role + "_x LOGIN PASSWORD 'copier' NOSUPERUSER");
            try {
                copyAs(role, member, state);
                Optional<String> warning = copyAs(role + "_x", stranger, state);
                assertThat(warning.orElse("")).contains("were not copied to its clone");
            } finally {
                execute(member, "DROP ROLE " + role + "; DROP ROLE " + role + "_x");
            }
            assertThat(settings(member)).isEqualTo(settings(state));
            assertThat(settings(stranger)).isNull();
        }
    }

    /** Copies the template's settings to {@code db} logged in as {@code role} (password {@code copier}); why not, if not. */
    private static Optional<String> copyAs(String role, DisposableDatabase db, DisposableDatabase template)
            throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", role);
        login.setProperty("password", "copier");
        try (Connection connection = new org.postgresql.Driver().connect(db.jdbcUrl().replaceAll("[?&](user|password)=[^&]*", ""),
                login); Statement statement = connection.createStatement()) {
            return ClonedSettings.copy(statement, template.name(), db.name());
        }
    }

    private static String settings(DisposableDatabase db) throws SQLException {
        return scalar(db, "SELECT (SELECT setconfig::text FROM pg_db_role_setting WHERE setrole = 0"
                + " AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()))");
    }

    @Test
    void the_database_is_dropped_when_the_work_inside_fails() {
        String[] name = new String[1];
        assertThatThrownBy(() -> {
            try (DisposableDatabase db = server.createDatabase()) {
                name[0] = db.name();
                execute(db, "CREATE TABLE broken (");
            }
        }).isInstanceOf(SQLException.class);
        assertThat(databases()).doesNotContain(name[0]);
        assertThat(server.openDatabases()).doesNotContain(name[0]);
    }

    @Test
    void a_database_that_cannot_be_created_is_reported_and_not_left_registered() {
        DisposableDatabase dropped = server.createDatabase();
        dropped.close();
        Set<String> before = server.openDatabases();
        assertThatThrownBy(() -> server.createDatabaseFrom(dropped))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageStartingWith("Could not create database " + PostgresServer.DATABASE_PREFIX)
                .hasMessageContaining(" from " + dropped.name() + " on embedded Postgres");
        assertThat(server.openDatabases()).isEqualTo(before);
    }

    @Test
    void dropping_works_while_connections_are_still_open() throws SQLException {
        DisposableDatabase db = server.createDatabase();
        Connection forgotten = db.connect();
        db.close();
        assertThat(databases()).doesNotContain(db.name());
        assertThat(forgotten.isValid(2)).isFalse();
    }

    @Test
    void a_kept_database_survives_close_and_says_how_to_connect() throws SQLException {
        PostgresServer own = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        EmbeddedPostgres embedded = (EmbeddedPostgres) own.running();
        try {
            DisposableDatabase kept = own.createDatabase();
            DisposableDatabase other = own.createDatabase();
            try (StandardError warnings = StandardError.capture()) {
                kept.keep();
                kept.close();
                own.close();
                assertThat(warnings.text()).contains("Kept " + kept.name() + " for inspection. Connect with: psql")
                        .contains("is left running because a database on it was kept");
            }

            assertThat(kept.connectionHint()).matches("psql 'postgresql://127\\.0\\.0\\.1:\\d+/" + kept.name() + "\\?user=postgres'");
            assertThat(scalar(kept, "SELECT current_database()")).isEqualTo(kept.name());
            assertThat(scalar(kept, "SELECT count(*) FROM pg_database WHERE datname = '" + other.name() + "'")).isEqualTo("0");
            assertThat(embedded.lifetimeNote()).contains("stop -m immediate -D " + embedded.instanceFolder().resolve("data"));
        } finally {
            embedded.stop(); // the test cleans up what it asked to keep
        }
    }

    @Test
    void many_threads_create_and_drop_databases_at_once() throws Exception {
        int threads = 8;
        int perThread = 6;
        Set<String> names = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < perThread; i++) {
                        try (DisposableDatabase db = server.createDatabase()) {
                            names.add(db.name());
                            execute(db, "CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
                            assertThat(scalar(db, "SELECT count(*) FROM t")).isEqualTo("1");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(names).hasSize(threads * perThread);
        assertThat(databases()).doesNotContainAnyElementsOf(names);
    }

    private static List<String> databases() {
        try (DisposableDatabase probe = server.createDatabase(); Connection connection = probe.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static void execute(DisposableDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String scalar(DisposableDatabase db, String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
