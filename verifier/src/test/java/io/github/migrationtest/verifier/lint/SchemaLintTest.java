package io.github.migrationtest.verifier.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adapter on a real database: each linter's finding on its bad schema, none on the fixed twin. */
class SchemaLintTest {

    static final String BAD = """
            create table users (id bigint primary key, email text);
            create table orders (id bigint primary key, user_id bigint references users (id), note text);
            create table audit (at timestamptz, what text);
            create index orders_note on orders (note);
            create index orders_note_id on orders (note, id);
            """;

    static final String FIXED = """
            create table users (id bigint primary key, email text);
            create table orders (id bigint primary key, user_id bigint references users (id), note text);
            create index orders_user_id on orders (user_id);
            create table audit (id bigint generated always as identity primary key, at timestamptz, what text);
            create index orders_note_id on orders (note, id);
            """;

    private static List<String> lint(String sql) throws SQLException {
        return lint(sql, "public");
    }

    private static List<String> lint(String sql, String schema) throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
             Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            SchemaLint.Result result = SchemaLint.run(connection, Set.of(schema), Set.of());
            assertThat(result.skipped()).isEmpty();
            return result.findings().stream().map(f -> f.finding() + " " + f.object() + ": " + f.detail()).toList();
        }
    }

    @Test
    void a_foreign_key_without_index_a_table_without_primary_key_and_a_redundant_index_are_found() throws SQLException {
        assertThat(lint(BAD)).containsExactly(
                "LINT_TABLE_WITHOUT_PRIMARY_KEY public.audit: no primary key",
                "LINT_FK_WITHOUT_INDEX public.orders: foreign key orders_user_id_fkey (user_id) to public.users has no"
                        + " index that starts with its columns; fix: CREATE INDEX CONCURRENTLY ON public.orders (user_id);",
                "LINT_REDUNDANT_INDEX public.orders: index public.orders_note (note) is covered by orders_note_id"
                        + " (note, id); fix: DROP INDEX CONCURRENTLY public.orders_note;");
    }

    @Test
    void foreign_keys_over_the_same_columns_are_given_one_index_not_one_each() throws SQLException {
        // Mandroide/condominiospostgreedb: telefono_entidad_id references three tables; each key's finding proposed
        // CREATE INDEX of the same column, and following every fix made three equal indexes.
        assertThat(lint("""
                create table propietario (id int primary key);
                create table inquilino (id int primary key);
                create table telefono (id int primary key, entidad_id int not null,
                    constraint telefono_entidad_id_fkey foreign key (entidad_id) references propietario (id),
                    constraint telefono_entidad_id_fkey1 foreign key (entidad_id) references inquilino (id));
                """)).containsExactlyInAnyOrder(
                "LINT_FK_WITHOUT_INDEX public.telefono: foreign key telefono_entidad_id_fkey (entidad_id) to"
                        + " public.propietario has no index that starts with its columns; fix: CREATE INDEX CONCURRENTLY ON"
                        + " public.telefono (entidad_id);",
                "LINT_FK_WITHOUT_INDEX public.telefono: foreign key telefono_entidad_id_fkey1 (entidad_id) to"
                        + " public.inquilino has no index that starts with its columns; the index proposed for foreign"
                        + " key telefono_entidad_id_fkey (entidad_id) serves it too");
    }

    @Test
    void a_lint_during_a_warm_up_finds_what_it_finds_cold() throws Exception {
        try (DisposableDatabase empty = PostgresServer.shared().createDatabase(); Connection connection = empty.connect()) {
            Thread warming = new Thread(() -> SchemaLint.warmUp(connection));
            warming.start();
            List<String> duringWarmUp = lint(BAD);
            assertThat(duringWarmUp).hasSize(3).allSatisfy(finding -> assertThat(finding).startsWith("LINT_"));
            warming.join();
            assertThat(duringWarmUp).isEqualTo(lint(BAD));
        }
        assertThat(lint(BAD)).hasSize(3);
    }

    @Test
    void the_fixed_twin_has_none() throws SQLException {
        assertThat(lint(FIXED)).isEmpty();
    }

    @Test
    void indexes_that_serve_other_rows_or_enforce_uniqueness_are_not_redundant() throws SQLException {
        assertThat(lint("""
                create table t (id bigint primary key, a int, b int, deleted boolean);
                create unique index t_a_unique on t (a);
                create index t_a_b on t (a, b);
                create index t_b_live on t (b) where not deleted;
                create index t_b_deleted on t (b, a) where deleted;
                create index t_lower on t ((a + 1));
                create index t_lower_b on t ((a + 1), b);
                create index t_b_hash on t using hash (b);
                create index t_b_a_all on t (b, a);
                """)).isEmpty();
    }

    @Test
    void of_two_equal_indexes_the_newer_is_redundant_and_a_join_table_needs_no_primary_key() throws SQLException {
        assertThat(lint("""
                create table users (id bigint primary key);
                create table groups (id bigint primary key);
                create table members (user_id bigint references users, group_id bigint references groups);
                create index members_user on members (user_id, group_id);
                create index members_user_again on members (user_id, group_id);
                create index members_group on members (group_id);
                """)).containsExactly("LINT_REDUNDANT_INDEX public.members: index public.members_user_again (user_id,"
                + " group_id) is covered by members_user (user_id, group_id); fix: DROP INDEX CONCURRENTLY"
                + " public.members_user_again;");
    }

    /** An index name that needs quotes is quoted on both sides: the covered one and the one covering it. */
    @Test
    void a_covering_index_whose_name_needs_quotes_is_quoted() throws SQLException {
        assertThat(lint("""
                create table follows (account_id bigint primary key, follower_id bigint);
                create unique index "uk-follows-account_id-follower_id" on follows (account_id, follower_id);
                create index "ix-follows-account_id-follower_id" on follows (account_id, follower_id);
                """)).containsExactly("LINT_REDUNDANT_INDEX public.follows: index"
                + " public.\"ix-follows-account_id-follower_id\" (account_id, follower_id) is covered by"
                + " \"uk-follows-account_id-follower_id\" (account_id, follower_id); fix: DROP INDEX CONCURRENTLY"
                + " public.\"ix-follows-account_id-follower_id\";");
    }

    /**
     * The columns come from one catalog query for all tables (CatalogQueries): quoted names, a dropped column, a key
     * over two columns, and a table of the same name with the same columns in a schema not linted, whose index must not
     * count for the linted one.
     */
    @Test
    void columns_read_in_one_query_keep_quoted_names_schemas_and_key_order_apart() throws SQLException {
        String schema = """
                create schema "Sales";
                create table "Sales"."Users" ("Id" bigint, region int, primary key (region, "Id"));
                create table "Sales"."Orders" ("Id" bigint primary key, gone int, "User Id" bigint, region int,
                    foreign key (region, "User Id") references "Sales"."Users" (region, "Id"));
                alter table "Sales"."Orders" drop column gone;
                create table public."Orders" ("User Id" bigint primary key, region int);
                create index on public."Orders" (region, "User Id");
                """;
        assertThat(lint(schema, "Sales")).containsExactly("LINT_FK_WITHOUT_INDEX \"Sales\".\"Orders\": foreign key"
                + " \"Orders_region_User Id_fkey\" (region, \"User Id\") to \"Sales\".\"Users\" has no index that starts"
                + " with its columns; fix: CREATE INDEX CONCURRENTLY ON \"Sales\".\"Orders\" (region, \"User Id\");");
        assertThat(lint(schema + "create index on \"Sales\".\"Orders\" (region, \"User Id\", \"Id\");", "Sales"))
                .isEmpty();
    }

    @Test
    void only_the_given_schemas_are_linted_and_excluded_tables_are_left_out() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
             Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create schema other; create table other.loose (a int);"
                        + " create table public.schema_migrations (version text); create table public.loose (a int);");
            }
            assertThat(SchemaLint.run(connection, Set.of("public"), Set.of("schema_migrations")).findings())
                    .extracting(SafetyFinding::object).containsExactly("public.loose");
            // The connection is the walk's: it still works for what comes after the lint.
            assertThat(connection.isClosed()).isFalse();
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }
}
