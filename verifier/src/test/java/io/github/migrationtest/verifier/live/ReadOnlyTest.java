package io.github.migrationtest.verifier.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live database is only ever read: after a status (with drift, so the SQL that would fix it is
 * written too) its catalog, its rows and its write statistics are as before, no DDL was attempted, and
 * a user who may only connect and select is enough.
 */
class ReadOnlyTest {

    /** Logs every DDL command started in the live database, temporary objects included. */
    private static final String DDL_LOG = """
            CREATE TABLE ddl_log (tag text NOT NULL);
            CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS
              $$ BEGIN INSERT INTO public.ddl_log VALUES (tg_tag); END $$;
            CREATE EVENT TRIGGER log_ddl ON ddl_command_start EXECUTE FUNCTION log_ddl();
            """;

    @TempDir
    Path dir;
    private LiveFixture fixture;
    private final List<String> roles = new ArrayList<>();

    @BeforeEach
    void live() throws Exception {
        fixture = new LiveFixture(dir).upgradedTo(2).execute("ALTER TABLE users ADD COLUMN nickname text").execute(DDL_LOG);
    }

    @AfterEach
    void drop() throws SQLException {
        fixture.close();
        try (Connection admin = PostgresServer.shared().createDatabase().connect();
             Statement statement = admin.createStatement()) {
            for (String role : roles) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void a_status_leaves_catalog_rows_and_write_statistics_as_they_were() throws Exception {
        String before = fingerprint();

        LiveStatus status = fixture.status();

        assertThat(status.drift().differs()).isTrue();
        assertThat(status.drift().fix().upgrade()).contains("DROP COLUMN nickname");
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(count("select count(*) from ddl_log")).isZero();
    }

    @Test
    void the_fingerprint_sees_a_write_that_was_rolled_back() throws Exception {
        String before = fingerprint();
        try (Connection connection = fixture.live.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE schema_migrations SET version = version");
            }
            connection.rollback();
        }

        assertThat(fingerprint()).isNotEqualTo(before);
    }

    @Test
    void a_user_who_may_only_connect_and_select_is_enough() throws Exception {
        String reader = role();
        fixture.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC; REVOKE TEMPORARY ON DATABASE "
                + fixture.live.name() + " FROM PUBLIC; GRANT CONNECT ON DATABASE " + fixture.live.name() + " TO " + reader
                + "; GRANT USAGE ON SCHEMA public TO " + reader + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader);
        LiveDatabase live = LiveDatabase.at(fixture.live.jdbcUrl(), reader, "reader-password");

        LiveStatus status;
        try (var source = fixture.source()) {
            status = LiveCheck.run(live, source, PostgresServer.shared(), LiveCheck.Settings.defaults());
        }

        assertThat(status.bookkeeping()).contains("public.schema_migrations (golang-migrate)");
        assertThat(status.revision()).isEqualTo("0002 (name index)");
        assertThat(status.drift().differences()).extracting(d -> d.path())
                .contains("public.users.nickname");
        // The user really is that limited: it may not write, nor create a temporary table.
        try (Connection connection = DriverManager.getConnection(fixture.live.jdbcUrl(), reader, "reader-password");
             Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO users (id) VALUES (1)"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.execute("CREATE TEMPORARY TABLE t (x int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void a_user_who_may_not_read_the_tools_table_is_told_which_grant_is_missing() throws Exception {
        String reader = role();
        fixture.execute("GRANT CONNECT ON DATABASE " + fixture.live.name() + " TO " + reader
                + "; GRANT USAGE ON SCHEMA public TO " + reader + "; GRANT SELECT ON users TO " + reader);
        LiveDatabase live = LiveDatabase.at(fixture.live.jdbcUrl(), reader, "reader-password");

        try (var source = fixture.source()) {
            assertThatThrownBy(() -> LiveCheck.run(live, source, PostgresServer.shared(), LiveCheck.Settings.defaults()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("has public.schema_migrations, golang-migrate's table of applied versions, but"
                            + " this user may not read it")
                    .hasMessageContaining("GRANT SELECT ON \"public\".\"schema_migrations\"");
        }
    }

    private String role() throws SQLException {
        String role = "migrationtest_reader_" + UUID.randomUUID().toString().substring(0, 8);
        fixture.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader-password'");
        roles.add(role);
        return role;
    }

    /**
     * The catalog (every object, the tools' tables too; and how many catalog rows there are, so a
     * temporary object counts), the rows of the tool's table, and the database's and tables' counters
     * of written rows, read once the status's sessions have ended and flushed their statistics.
     */
    private String fingerprint() throws Exception {
        awaitStatusSessionsGone();
        try (Connection connection = fixture.live.connect()) {
            String schema = SnapshotText.render(SnapshotReader.read(connection, SnapshotOptions.defaults().withExcludedTables()));
            return schema + "\n" + query(connection, "select count(*), max(oid::bigint) from pg_class")
                    + "\n" + query(connection, "select string_agg(nspname, ',' order by nspname) from pg_namespace")
                    + "\n" + query(connection, "select string_agg(version::text, ',') from schema_migrations")
                    + "\n" + query(connection, "select tup_inserted, tup_updated, tup_deleted from pg_stat_database"
                            + " where datname = current_database()")
                    + "\n" + query(connection, "select sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_del), sum(n_tup_hot_upd)"
                            + " from pg_stat_user_tables");
        }
    }

    /** A session flushes its statistics when it ends; the status's end with its read, but the server lags a little. */
    private void awaitStatusSessionsGone() throws Exception {
        for (int i = 0; i < 100 && count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name like 'migrationtest status%'") > 0; i++) {
            Thread.sleep(50);
        }
        // A write's statistics reach the shared counters when its session ends or after a second idle.
        try (Connection connection = fixture.live.connect(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_sleep(1.1)");
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = fixture.live.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            StringBuilder values = new StringBuilder();
            while (row.next()) {
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.append(row.getString(i)).append(' ');
                }
            }
            return values.toString();
        }
    }
}
