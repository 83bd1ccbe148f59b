package io.github.migrationtest.verifier.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each tool's table, made as the tool makes it and filled as the tool fills it after two of three
 * revisions, read on real Postgres: the second revision is current, the third pending.
 */
class ToolTablesTest {

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of(ToolTable.FLYWAY, SourceType.FLYWAY, List.of("1", "1.1", "2"), """
                        CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                          description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL,
                          checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
                          execution_time int NOT NULL, success boolean NOT NULL);
                        INSERT INTO flyway_schema_history VALUES
                          (1, '1', 'users', 'SQL', 'V1__users.sql', 1, 'app', now(), 5, true),
                          (2, NULL, 'views', 'SQL', 'R__views.sql', 2, 'app', now(), 5, true),
                          (3, '1.1', 'index', 'SQL', 'V1_1__index.sql', 3, 'app', now(), 5, true)"""),
                Arguments.of(ToolTable.LIQUIBASE, SourceType.LIQUIBASE, List.of("users", "ann:index", "email"), """
                        CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL,
                          filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL,
                          exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255),
                          comments varchar(255), tag varchar(255), liquibase varchar(20), contexts varchar(255),
                          labels varchar(255), deployment_id varchar(10));
                        INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES
                          ('users', 'ann', 'db/changelog.xml', now(), 1, 'EXECUTED'),
                          ('index', 'ann', 'db/changelog.xml', now(), 2, 'MARK_RAN')"""),
                Arguments.of(ToolTable.GOLANG_MIGRATE, SourceType.SQL, List.of("0001", "0002", "0003"), """
                        CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                        INSERT INTO schema_migrations VALUES (2, false)"""),
                Arguments.of(ToolTable.DBMATE, SourceType.SQL,
                        List.of("20240101000000", "20240102000000", "20240103000000"), """
                        CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
                        INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000')"""),
                Arguments.of(ToolTable.SQLX, SourceType.SQL, List.of("20240101000000", "20240102000000", "20240103000000"), """
                        CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL,
                          installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL,
                          checksum bytea NOT NULL, execution_time bigint NOT NULL);
                        INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES
                          (20240101000000, 'users', true, '\\x00', 1), (20240102000000, 'index', true, '\\x00', 1)"""),
                Arguments.of(ToolTable.DIESEL, SourceType.SQL,
                        List.of("2024-01-01-000000", "2024-01-02-000000", "2024-01-03-000000"), """
                        CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL,
                          run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
                        INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000'), ('20240102000000')"""),
                // goose logs: version 3 applied, then rolled back (older goose keeps the row, marked not applied).
                Arguments.of(ToolTable.GOOSE, SourceType.SQL, List.of("00001", "00002", "00003"), """
                        CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,
                          is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
                        INSERT INTO goose_db_version (version_id, is_applied) VALUES
                          (0, true), (1, true), (2, true), (3, true), (3, false)"""),
                Arguments.of(ToolTable.ALEMBIC, SourceType.ALEMBIC, List.of("a1b2c3", "b2c3d4", "c3d4e5"), """
                        CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
                        INSERT INTO alembic_version VALUES ('b2c3d4')"""),
                Arguments.of(ToolTable.POPX, SourceType.SQL,
                        List.of("20150100000001000000", "20150100000002000000", "20150100000003000000"), """
                        CREATE TABLE schema_migration (version varchar(48) NOT NULL, version_self int NOT NULL DEFAULT 0);
                        CREATE UNIQUE INDEX schema_migration_version_idx ON schema_migration (version);
                        INSERT INTO schema_migration (version) VALUES ('20150100000001000000'), ('20150100000002000000')"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void the_tools_table_says_the_second_revision_is_current_and_the_third_pending(
            ToolTable tool, SourceType type, List<String> ids, String sql) throws SQLException {
        List<Revision> revisions = ids.stream().map(id -> Revision.reversible(id, "", List.of())).toList();

        AppliedVersions versions = read(type, sql).orElseThrow();
        HistoryPosition position = HistoryPosition.locate(revisions, versions);

        assertThat(versions.tool()).isEqualTo(tool);
        assertThat(versions.table()).isEqualTo("public." + tool.names().get(0));
        assertThat(position.current()).isEqualTo(1);
        assertThat(position.pending()).extracting(Revision::id).containsExactly(ids.get(2));
        assertThat(position.unknown()).isEmpty();
    }

    @Test
    void a_dirty_golang_migrate_version_is_a_failed_one() throws SQLException {
        AppliedVersions versions = read(SourceType.SQL, """
                CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_migrations VALUES (3, true)""").orElseThrow();

        assertThat(versions.failed()).singleElement().asString().startsWith("version 3 is dirty: its migration failed half way");
    }

    @Test
    void a_failed_flyway_version_is_not_applied_and_is_named() throws SQLException {
        AppliedVersions versions = read(SourceType.FLYWAY, """
                CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                  type varchar(20) NOT NULL, success boolean NOT NULL);
                INSERT INTO flyway_schema_history VALUES (1, '1', 'SQL', true), (2, '2', 'SQL', false)""").orElseThrow();

        assertThat(versions.applied()).extracting(AppliedVersions.Applied::version).containsExactly("1");
        assertThat(versions.failed()).singleElement().asString().startsWith("version 2 failed");
    }

    @Test
    void another_kinds_table_is_not_read_for_a_history() throws SQLException {
        assertThat(read(SourceType.LIQUIBASE, """
                CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);
                INSERT INTO schema_migrations VALUES ('1')""")).isEmpty();
    }

    @Test
    void a_table_outside_the_search_path_is_found_with_its_schema() throws SQLException {
        AppliedVersions versions = read(SourceType.SQL, """
                CREATE SCHEMA ops;
                CREATE TABLE ops.__diesel_schema_migrations (version varchar(50) PRIMARY KEY, run_on timestamp);
                INSERT INTO ops.__diesel_schema_migrations (version) VALUES ('1')""").orElseThrow();

        assertThat(versions.table()).isEqualTo("ops.__diesel_schema_migrations");
    }

    @Test
    void a_table_under_a_name_of_the_users_is_told_by_its_columns() throws SQLException {
        String sql = """
                CREATE TABLE schema_om (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_om VALUES (2, false)""";

        AppliedVersions versions = read(SourceType.SQL, List.of("schema_om"), sql).orElseThrow();

        assertThat(versions.tool()).isEqualTo(ToolTable.GOLANG_MIGRATE);
        assertThat(versions.table()).isEqualTo("public.schema_om");
        assertThat(read(SourceType.SQL, List.of(), sql)).isEmpty();
    }

    private static Optional<AppliedVersions> read(SourceType type, String sql) throws SQLException {
        return read(type, List.of(), sql);
    }

    private static Optional<AppliedVersions> read(SourceType type, List<String> names, String sql) throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
             Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return LiveDatabase.at(database.jdbcUrl(), database.user(), database.password())
                    .read(live -> AppliedVersionsReader.read(live, type, names));
        }
    }
}
