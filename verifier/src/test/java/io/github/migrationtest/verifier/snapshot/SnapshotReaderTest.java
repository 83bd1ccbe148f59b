package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnapshotReaderTest {
    private static DisposableDatabase fixture;
    private static SchemaSnapshot snapshot;

    @BeforeAll
    static void loadFixture() throws Exception {
        fixture = RichFixture.create();
        snapshot = RichFixture.snapshot(fixture);
    }

    @AfterAll
    static void dropFixture() {
        fixture.close();
    }

    @Test
    void the_rich_fixture_has_an_object_of_every_kind() {
        assertThat(snapshot.objects()).extracting(SchemaObject::kind).containsAll(List.of(ObjectKind.values()));
    }

    @Test
    void the_rendered_snapshot_parses_back_into_an_equal_snapshot() {
        String text = SnapshotText.render(snapshot);

        assertThat(SnapshotText.parse(text)).isEqualTo(snapshot);
    }

    /** Run with {@code -Dsnapshot.updateGolden=true} to rewrite the golden file after a deliberate change. */
    @Test
    void the_rendered_snapshot_matches_the_golden_file() throws Exception {
        String text = SnapshotText.render(snapshot);
        if (Boolean.getBoolean("snapshot.updateGolden")) {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("src/test/resources/snapshot/rich-fixture.snapshot"), text);
        }
        assertThat(text).isEqualTo(RichFixture.resource("/snapshot/rich-fixture.snapshot"));
    }

    @Test
    void the_same_schema_built_in_another_database_gives_an_equal_snapshot() throws Exception {
        try (DisposableDatabase other = RichFixture.create()) {
            SchemaSnapshot again = RichFixture.snapshot(other);

            assertThat(SchemaDiff.compare(snapshot, again).isEmpty()).isTrue();
            assertThat(again).isEqualTo(snapshot);
            assertThat(again.fingerprint()).isEqualTo(snapshot.fingerprint());
        }
    }

    @Test
    void an_empty_database_has_only_the_public_schema_and_plpgsql() throws Exception {
        try (DisposableDatabase empty = PostgresServer.shared().createDatabase()) {
            assertThat(RichFixture.snapshot(empty).objects()).extracting(SchemaObject::path)
                    .containsExactly("extension plpgsql", "schema public");
        }
    }

    @Test
    void objects_an_extension_created_are_not_listed_as_user_objects() {
        assertThat(snapshot.objects()).extracting(SchemaObject::path)
                .contains("extension pgcrypto", "extension citext")
                .doesNotContain("type public.citext")
                .noneMatch(path -> path.startsWith("function public."));
    }

    @Test
    void functions_postgres_made_for_a_range_type_are_not_listed() {
        assertThat(snapshot.objects()).extracting(SchemaObject::path)
                .contains("type app.float_range")
                .noneMatch(path -> path.startsWith("function app.float_"));
    }

    @Test
    void migration_tool_bookkeeping_tables_are_left_out_by_default_and_kept_on_request() throws Exception {
        assertThat(snapshot.lookup("public.flyway_schema_history")).isEmpty();
        assertThat(snapshot.lookup("public.flyway_schema_history_pkey")).isEmpty();

        try (Connection connection = fixture.connect()) {
            SchemaSnapshot all = SnapshotReader.read(connection, SnapshotOptions.defaults().withExcludedTables());
            assertThat(all.lookup("public.flyway_schema_history")).isPresent();
            assertThat(all.lookup("public.flyway_schema_history_pkey")).isPresent();
            assertThat(all.lookup("public.flyway_schema_history.version")).isPresent();
        }
    }

    @Test
    void only_the_chosen_schemas_are_read() throws Exception {
        try (Connection connection = fixture.connect()) {
            SchemaSnapshot odd = SnapshotReader.read(connection, SnapshotOptions.defaults().withSchemas("Odd Schema"));

            assertThat(odd.objects()).extracting(SchemaObject::schema).containsOnly(null, "Odd Schema");
            assertThat(odd.objects(Table.class)).extracting(Table::name).containsExactly("Mixed Case");
        }
    }

    @Test
    void reading_leaves_the_connection_as_it_was() throws Exception {
        try (Connection connection = fixture.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path = app, public");
            connection.setAutoCommit(false);

            SnapshotReader.read(connection);

            assertThat(connection.getAutoCommit()).isFalse();
            try (ResultSet row = statement.executeQuery("SHOW search_path")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("app, public");
            }
            connection.rollback();
            connection.setAutoCommit(true);
            SnapshotReader.read(connection);
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void names_are_schema_qualified_whatever_the_search_path() throws Exception {
        try (Connection connection = fixture.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path = app, public");

            assertThat(SnapshotReader.read(connection)).isEqualTo(snapshot);
        }
    }

    @Test
    void columns_carry_type_default_identity_generation_collation_and_storage() {
        Table users = snapshot.table("app", "users").orElseThrow();

        assertThat(snapshot.columns(users)).extracting(Column::name).containsExactly("id", "email", "name", "mood",
                "home", "score", "created_at", "name_upper");
        assertThat(snapshot.lookup("app.users.id")).get().isEqualTo(new Column("app", "users", "id", 1, "bigint", true,
                null, "ALWAYS", null, null, null, null, null, null));
        assertThat(snapshot.lookup("app.users.name")).get().extracting(o -> o.properties()).isEqualTo(
                java.util.Map.of("type", "text", "default", "'anonymous'::text", "collation", "\"C\"",
                        "storage", "EXTERNAL"));
        assertThat(((Column) snapshot.lookup("app.users.name_upper").orElseThrow()).generated()).isEqualTo("upper(name)");
        assertThat(users.rowLevelSecurity()).isTrue();
        assertThat(users.forceRowLevelSecurity()).isTrue();
    }

    @Test
    void the_identity_sequence_carries_its_options_and_no_position() {
        assertThat(snapshot.lookup("app.users_id_seq")).get().isEqualTo(new Sequence("app", "users_id_seq", "bigint",
                100, 2, 1, Long.MAX_VALUE, 1, false, "app.users.id", true, null, null));
    }

    @Test
    void partitions_carry_their_parent_and_bound() {
        assertThat(snapshot.table("app", "events_2024")).get().extracting(Table::partitionOf, Table::partitionBound)
                .containsExactly("app.events", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        assertThat(snapshot.table("app", "events")).get().extracting(Table::partitionKey).isEqualTo("RANGE (at)");
    }

    @Test
    void a_partition_names_its_parent_by_path_even_in_a_schema_with_a_dot_in_its_name() throws Exception {
        SchemaSnapshot dotted = RichFixture.built("CREATE SCHEMA \"a.b\";"
                + " CREATE TABLE \"a.b\".parent (at date) PARTITION BY RANGE (at);"
                + " CREATE TABLE \"a.b\".child PARTITION OF \"a.b\".parent"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");

        String parent = dotted.table("a.b", "child").orElseThrow().partitionOf();
        assertThat(parent).isEqualTo("\"a.b\".parent");
        assertThat(dotted.lookup(parent)).containsInstanceOf(Table.class);
    }

    @Test
    void grants_name_the_grantee_and_privileges_but_not_the_owner() {
        assertThat(snapshot.table("app", "users")).get().extracting(Table::grants)
                .isEqualTo("migrationtest_reader: SELECT");
        assertThat(snapshot.lookup("function app.secret()")).get().extracting(o -> ((Routine) o).grants())
                .isEqualTo("migrationtest_reader: EXECUTE");
        assertThat(snapshot.lookup("function app.touch()")).get().extracting(o -> ((Routine) o).grants())
                .isEqualTo("PUBLIC: EXECUTE");
        assertThat(snapshot.lookup("app.invoice_no")).get().extracting(o -> ((Sequence) o).grants())
                .isEqualTo("migrationtest_reader: USAGE WITH GRANT OPTION");
    }

    @Test
    void the_verifiers_own_event_triggers_can_be_left_out() throws Exception {
        try (Connection connection = fixture.connect()) {
            SchemaSnapshot without = SnapshotReader.read(connection,
                    SnapshotOptions.defaults().withExcludedEventTriggers("app_ddl"));

            assertThat(without.objects(EventTrigger.class)).isEmpty();
            assertThat(snapshot.objects(EventTrigger.class)).extracting(EventTrigger::name).isEqualTo(List.of("app_ddl"));
        }
    }

    @Test
    void the_recorders_event_triggers_are_never_listed() throws Exception {
        StringBuilder sql = new StringBuilder("CREATE FUNCTION public.noop() RETURNS event_trigger"
                + " LANGUAGE plpgsql AS $$ BEGIN END $$;");
        for (String name : DdlRecorder.TRIGGERS) {
            sql.append(" CREATE EVENT TRIGGER ").append(name).append(" ON sql_drop EXECUTE FUNCTION public.noop();");
        }

        assertThat(RichFixture.built(sql.toString()).objects(EventTrigger.class)).isEmpty();
    }

    @Test
    void bookkeeping_defaults_name_the_common_migration_tools() {
        assertThat(SnapshotOptions.defaults().excludedTables()).containsAll(Set.of("flyway_schema_history",
                "databasechangelog", "databasechangeloglock", "schema_migrations", "__diesel_schema_migrations",
                "alembic_version", "_sqlx_migrations", "goose_db_version", "gorp_migrations", "schema_version"));
    }
}
