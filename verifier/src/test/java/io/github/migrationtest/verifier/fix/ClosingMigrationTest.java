package io.github.migrationtest.verifier.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.diff.ColumnOrderChanged;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.CatalogObject;
import io.github.migrationtest.verifier.snapshot.RichFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the generated SQL says and in which order, what it leaves to people, and how it names things. */
class ClosingMigrationTest {
    private static final String T = "CREATE TABLE t (a int, b text);\n";
    /** The partitions of the rich fixture: generated SQL leaves partitions to people. */
    private static final String[] PARTITIONS = {"app.events_2024", "app.events_default"};
    /** With the partitions, what closing migrations only drop: their creation is listed to write by hand. */
    private static final String[] LEFT_TO_PEOPLE = Stream.concat(Arrays.stream(PARTITIONS),
            CatalogObject.KINDS.stream().map(kind -> kind.pathPrefix() + "*")).toArray(String[]::new);

    @Test
    void schemas_without_a_difference_give_empty_scripts() throws Exception {
        try (RoundTrip trip = RoundTrip.of(T, T)) {
            assertThat(trip.diff().isEmpty()).isTrue();
            assertThat(trip.migration()).isEqualTo(new ClosingMigration("", "", List.of()));
        }
    }

    @Test
    void new_tables_a_foreign_key_an_index_and_a_view_over_them_come_in_dependency_order() throws Exception {
        String users = "CREATE TABLE users (id int PRIMARY KEY, email text);";
        String desired = users + "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users,"
                + " product_id int REFERENCES products (code));"
                + " CREATE INDEX orders_user_idx ON orders (user_id);"
                + " CREATE VIEW big_orders AS SELECT o.id, u.email, p.name FROM orders o JOIN users u ON u.id = o.user_id"
                + " JOIN products p ON p.code = o.product_id;"
                + " CREATE VIEW emails AS SELECT DISTINCT email FROM big_orders;";
        // products comes after orders in the SQL, so Postgres needs it first: the SQL is split to put it there.
        desired = "CREATE TABLE products (code int, name text); CREATE UNIQUE INDEX products_code ON products (code);"
                + desired;
        try (RoundTrip trip = RoundTrip.of(users, desired)) {
            List<String> upgrade = statements(trip.migration().upgrade());
            assertThat(upgrade).containsSubsequence(
                    "CREATE TABLE public.orders (",
                    "CREATE UNIQUE INDEX products_code ON public.products USING btree (code)",
                    "ALTER TABLE public.orders ADD CONSTRAINT orders_product_id_fkey FOREIGN KEY (product_id)"
                            + " REFERENCES public.products(code)",
                    "CREATE VIEW public.big_orders AS",
                    "CREATE VIEW public.emails AS");
            assertThat(upgrade).containsSubsequence("CREATE TABLE public.products (",
                    "CREATE INDEX orders_user_idx ON public.orders USING btree (user_id)",
                    "ALTER TABLE public.orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id)"
                            + " REFERENCES public.users(id)");
            assertThat(statements(trip.migration().downgrade())).containsSubsequence(
                    "DROP VIEW public.emails",
                    "DROP VIEW public.big_orders",
                    "ALTER TABLE public.orders DROP CONSTRAINT orders_product_id_fkey",
                    "DROP TABLE public.orders");
            assertThat(trip.migration().downgrade()).as("an index goes with its table").contains("DROP TABLE public.products;")
                    .doesNotContain("DROP INDEX");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
    }

    @Test
    void dropping_indexes_no_foreign_key_can_rest_on_leaves_the_foreign_keys_to_the_table_alone() throws Exception {
        String tables = "CREATE TABLE users (id int PRIMARY KEY, email text, active boolean);"
                + " CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);";
        String indexes = " CREATE INDEX users_active ON users (active) WHERE active;"
                + " CREATE UNIQUE INDEX users_email_lower ON users (lower(email));"
                + " CREATE UNIQUE INDEX users_email_active ON users (email) WHERE active;";
        try (RoundTrip trip = RoundTrip.of(tables + indexes, tables)) {
            String upgrade = trip.migration().upgrade();
            assertThat(upgrade).contains("DROP INDEX public.users_active;", "DROP INDEX public.users_email_lower;",
                    "DROP INDEX public.users_email_active;").doesNotContain("orders_user_id_fkey");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
        String unique = " CREATE UNIQUE INDEX users_email ON users (email);";
        String referencing = " CREATE TABLE invites (email text REFERENCES users (email));";
        try (RoundTrip trip = RoundTrip.of(tables + unique + referencing, tables + "CREATE TABLE invites (email text);")) {
            assertThat(statements(trip.migration().upgrade())).as("the key a foreign key rests on goes after it")
                    .containsSubsequence("ALTER TABLE public.invites DROP CONSTRAINT invites_email_fkey",
                            "DROP INDEX public.users_email");
            assertThat(trip.upgrade().differences()).isEmpty();
        }
    }

    @Test
    void dropping_or_changing_a_check_leaves_the_foreign_keys_to_its_table_alone() throws Exception {
        // A check gives no index a foreign key could rest on: the downgrade that forgot to drop one was told to drop
        // and add again every foreign key that references the table.
        String tables = "CREATE TABLE users (id int PRIMARY KEY, age int, email text);"
                + " CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users);";
        String checks = " ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age > 0);"
                + " ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '');";
        try (RoundTrip trip = RoundTrip.of(tables + checks,
                tables + " ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email LIKE '%@%');")) {
            String upgrade = trip.migration().upgrade();
            assertThat(upgrade).contains("ALTER TABLE public.users DROP CONSTRAINT users_age_check;",
                    "ALTER TABLE public.users DROP CONSTRAINT users_email_check;").doesNotContain("orders_user_id_fkey");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
        try (RoundTrip trip = RoundTrip.of(tables, "CREATE TABLE users (id int, age int, email text);"
                + " CREATE UNIQUE INDEX users_id ON users (id);"
                + " CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));")) {
            assertThat(statements(trip.migration().upgrade())).as("the key a foreign key rests on still takes it along")
                    .containsSubsequence("ALTER TABLE public.orders DROP CONSTRAINT orders_user_id_fkey",
                            "ALTER TABLE public.users DROP CONSTRAINT users_pkey");
            assertThat(trip.upgrade().differences()).isEmpty();
        }
    }

    @Test
    void dropping_a_unique_key_over_other_columns_leaves_the_foreign_keys_to_the_primary_key_alone() throws Exception {
        // kelcheone/chemistKe: a downgrade that forgot UNIQUE (slug) on product_category was told to drop and add
        // back the foreign keys to product_category (id) as well.
        String tables = "CREATE TABLE category (id int PRIMARY KEY, slug text, code int, region int);"
                + " CREATE TABLE product (id int PRIMARY KEY, category_id int REFERENCES category (id),"
                + " category_code int, category_region int);";
        String keys = " ALTER TABLE category ADD CONSTRAINT category_slug_key UNIQUE (slug);"
                + " CREATE UNIQUE INDEX category_code_region ON category (region, code);"
                + " ALTER TABLE product ADD CONSTRAINT product_code_fkey FOREIGN KEY (category_code, category_region)"
                + " REFERENCES category (code, region);";
        try (RoundTrip trip = RoundTrip.of(tables + keys, tables)) {
            List<String> upgrade = statements(trip.migration().upgrade());
            assertThat(upgrade).contains("ALTER TABLE public.category DROP CONSTRAINT category_slug_key")
                    .noneMatch(statement -> statement.contains("product_category_id_fkey"));
            assertThat(upgrade).as("the foreign key over the index's columns, in another order, goes first")
                    .containsSubsequence("ALTER TABLE public.product DROP CONSTRAINT product_code_fkey",
                            "DROP INDEX public.category_code_region");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
    }

    @Test
    void statements_that_lose_data_carry_a_warning_above_them() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE old (x int);" + "CREATE TABLE t (a int, b text, c int)",
                "CREATE TABLE t (a int, b text)")) {
            String upgrade = trip.migration().upgrade();
            assertThat(upgrade).contains("-- drops data: table public.old\nDROP TABLE public.old;\n")
                    .contains("-- drops data: column public.t.c\nALTER TABLE public.t DROP COLUMN c;\n")
                    .contains("-- Lines \"-- drops data:\" mark statements that lose data.");
            assertThat(trip.migration().downgrade()).doesNotContain("drops data");
        }
    }

    @Test
    void new_labels_land_where_the_desired_enum_has_them() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TYPE mood AS ENUM ('b', 'd')",
                "CREATE TYPE mood AS ENUM ('a', 'b', 'c', 'd', 'e')")) {
            assertThat(statements(trip.migration().upgrade())).containsExactly(
                    "ALTER TYPE public.mood ADD VALUE 'a' BEFORE 'b'",
                    "ALTER TYPE public.mood ADD VALUE 'c' BEFORE 'd'",
                    "ALTER TYPE public.mood ADD VALUE 'e' AFTER 'd'");
            assertThat(trip.migration().downgrade()).contains("ALTER TYPE public.mood RENAME TO mood__old;\n"
                    + "CREATE TYPE public.mood AS ENUM ('b', 'd');\n"
                    + "DROP TYPE public.mood__old;\n")
                    .contains("-- fails if a row holds a label that goes: 'a', 'c', 'e'");
        }
    }

    @Test
    void a_label_that_only_has_another_name_is_renamed_back_and_the_rows_holding_it_keep_it() throws Exception {
        // A downgrade that forgets to undo ALTER TYPE ... RENAME VALUE: recreating the type, as for a label that goes,
        // rewrote the table and failed on the rows that hold the renamed label.
        String table = "CREATE TABLE orders (id int PRIMARY KEY, status order_status NOT NULL DEFAULT 'new');";
        try (RoundTrip trip = RoundTrip.of(
                "CREATE TYPE order_status AS ENUM ('new', 'cancelled', 'done', 'refunded');" + table
                        + " INSERT INTO orders VALUES (1, 'cancelled'), (2, 'refunded');",
                "CREATE TYPE order_status AS ENUM ('new', 'canceled', 'done', 'returned');" + table)) {
            assertThat(statements(trip.migration().upgrade())).containsExactly(
                    "ALTER TYPE public.order_status RENAME VALUE 'cancelled' TO 'canceled'",
                    "ALTER TYPE public.order_status RENAME VALUE 'refunded' TO 'returned'");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.column("SELECT status::text FROM orders ORDER BY id")).containsExactly("canceled", "returned");
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
        try (RoundTrip trip = RoundTrip.of("CREATE TYPE mood AS ENUM ('a', 'b')", "CREATE TYPE mood AS ENUM ('b', 'a')")) {
            assertThat(trip.migration().upgrade()).as("labels that swap places are no rename")
                    .contains("ALTER TYPE public.mood RENAME TO mood__old;");
        }
    }

    @Test
    void a_column_dropped_from_the_middle_comes_back_last_and_the_downgrade_says_so() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE t (a int, b text, c int)", "CREATE TABLE t (a int, c int)")) {
            assertThat(trip.migration().manual()).isEmpty();
            assertThat(trip.migration().downgrade()).contains("-- lands last, not at position 2: Postgres adds columns"
                    + " at the end (the diff reports the order, it does not fail on it)\n"
                    + "ALTER TABLE public.t ADD COLUMN b text;");

            assertThat(trip.upgrade().differences()).isEmpty();
            DiffResult back = SchemaDiff.compare(trip.head(), trip.downgrade());

            assertThat(back.matches()).isTrue();
            assertThat(back.differences()).singleElement().isInstanceOfSatisfying(ColumnOrderChanged.class,
                    order -> assertThat(order.actualOrder()).containsExactly("a", "c", "b"));
        }
    }

    @Test
    void a_partition_is_left_to_people_in_both_directions_and_named_in_the_scripts() throws Exception {
        String events = "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);";
        try (RoundTrip trip = RoundTrip.of(events, events + "CREATE TABLE events_2024 PARTITION OF events"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")) {
            assertThat(trip.migration().manual()).containsExactly(
                    "public.events_2024: a partition or inheritance child is not generated: create it with"
                            + " PARTITION OF / INHERITS by hand",
                    "downgrade: public.events_2024: a partition or inheritance child is not dropped by generated"
                            + " SQL: detach and drop it by hand");
            assertThat(trip.migration().upgrade()).isEqualTo("""
                    -- Upgrade: turns the schema the migrations build into the desired one.
                    -- Generated by migrationtest from 1 difference; review it before use.
                    --
                    -- Not generated, to do by hand:
                    --   public.events_2024: a partition or inheritance child is not generated: create it with \
                    PARTITION OF / INHERITS by hand
                    """);
        }
    }

    @Test
    void a_partition_goes_with_its_dropped_table_and_only_coming_back_is_left_to_people() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);"
                + " CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "")) {
            assertThat(trip.migration().manual()).containsExactly("downgrade: public.events_2024: a partition or"
                    + " inheritance child is not generated: create it with PARTITION OF / INHERITS by hand");
            assertThat(statements(trip.migration().upgrade())).containsExactly("DROP TABLE public.events");
            assertThat(trip.upgrade().differences()).isEmpty();
        }
    }

    @Test
    void a_column_storage_goes_back_to_its_types_own_by_name_where_the_type_is_known() throws Exception {
        String domain = "CREATE DOMAIN d AS text;";
        try (RoundTrip trip = RoundTrip.of(domain + "CREATE TABLE t (a text, b d)", domain
                + "CREATE TABLE t (a text, b d); ALTER TABLE t ALTER COLUMN a SET STORAGE EXTERNAL;"
                + " ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL")) {
            assertThat(trip.migration().downgrade())
                    .as("text's own storage by name, as SET STORAGE DEFAULT needs Postgres 16")
                    .contains("ALTER TABLE public.t ALTER COLUMN a SET STORAGE EXTENDED;\n")
                    .contains("-- SET STORAGE DEFAULT needs Postgres 16 or later\n"
                            + "ALTER TABLE public.t ALTER COLUMN b SET STORAGE DEFAULT;\n");
            assertThat(trip.upgrade().differences()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
    }

    @Test
    void a_changed_generated_expression_is_left_to_people() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED)",
                "CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 2) STORED)")) {
            assertThat(trip.migration().manual()).containsExactly("public.t.b: the generated expression cannot change"
                    + " in place (Postgres 17 has ALTER COLUMN ... SET EXPRESSION); drop and re-add the column by hand");
            assertThat(statements(trip.migration().upgrade())).isEmpty();
        }
    }

    @Test
    void a_generated_column_made_plain_is_generated_one_way_and_left_to_people_the_other() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED)",
                "CREATE TABLE t (a int, b int)")) {
            assertThat(statements(trip.migration().upgrade()))
                    .containsExactly("ALTER TABLE public.t ALTER COLUMN b DROP EXPRESSION");
            assertThat(trip.migration().manual()).containsExactly("downgrade: public.t.b: the generated expression"
                    + " cannot change in place (Postgres 17 has ALTER COLUMN ... SET EXPRESSION); drop and re-add the"
                    + " column by hand");
            assertThat(trip.upgrade().differences()).isEmpty();
        }
    }

    @Test
    void composite_attributes_that_cannot_reach_their_order_are_left_to_people() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TYPE address AS (street text, zip int)",
                "CREATE TYPE address AS (city text, street text, zip int)")) {
            assertThat(trip.migration().manual()).containsExactly("type public.address: the attributes would end up"
                    + " in the order street, zip, city, not city, street, zip: Postgres appends new attributes;"
                    + " recreate the type by hand");
            assertThat(statements(trip.migration().upgrade()))
                    .containsExactly("ALTER TYPE public.address ADD ATTRIBUTE city text");
        }
    }

    @Test
    void a_property_without_a_generator_is_named_never_dropped() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TYPE r AS RANGE (subtype = float8)",
                "CREATE TYPE r AS RANGE (subtype = float8, subtype_diff = float8mi)")) {
            assertThat(trip.migration().manual())
                    .containsExactly("type public.r: no SQL is generated for a change of subtype diff");
            assertThat(statements(trip.migration().upgrade())).isEmpty();
        }
    }

    @Test
    void an_enum_that_must_be_recreated_under_a_domain_is_left_to_people() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TYPE mood AS ENUM ('a', 'b'); CREATE DOMAIN m AS mood",
                "CREATE TYPE mood AS ENUM ('b', 'a'); CREATE DOMAIN m AS mood")) {
            assertThat(trip.migration().manual()).containsExactly("type public.mood: the labels change in a way only"
                    + " recreating the type can reach, and type public.m depend on it; recreate them by hand");
            assertThat(statements(trip.migration().upgrade())).as("the type is not half recreated").isEmpty();
            assertThat(statements(trip.migration().downgrade())).isEmpty();
        }
    }

    @Test
    void a_column_order_the_diff_fails_on_is_left_to_people() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE t (b text, a int)", "CREATE TABLE t (a int, b text)",
                DiffOptions.defaults().withStrictColumnOrder())) {
            assertThat(trip.migration().manual()).contains("public.t: columns in the order (b, a), wanted (a, b):"
                    + " Postgres cannot reorder columns in place; recreate the table by hand if the order matters");
            assertThat(trip.migration().manual()).containsExactly(
                    "public.t: columns in the order (b, a), wanted (a, b): Postgres cannot reorder columns in place;"
                            + " recreate the table by hand if the order matters",
                    "downgrade: public.t: columns in the order (a, b), wanted (b, a): Postgres cannot reorder columns"
                            + " in place; recreate the table by hand if the order matters");
            assertThat(statements(trip.migration().upgrade())).isEmpty();
        }
    }

    @Test
    void ignored_objects_get_no_sql() throws Exception {
        try (RoundTrip trip = RoundTrip.of(T, T + "CREATE TABLE audit_log (x int); CREATE INDEX t_a ON t (a)",
                DiffOptions.defaults().withIgnored("public.audit_*"))) {
            assertThat(statements(trip.migration().upgrade()))
                    .containsExactly("CREATE INDEX t_a ON public.t USING btree (a)");
            assertThat(trip.upgrade().differences()).isEmpty();
        }
    }

    @Test
    void odd_names_are_quoted_in_every_statement() throws Exception {
        try (RoundTrip trip = RoundTrip.of("CREATE TABLE \"user\" (id int)",
                "CREATE SCHEMA \"Sales Dept\"; CREATE TABLE \"Sales Dept\".\"Order\" (\"Id\" int, \"my col\" int);"
                        + " CREATE TABLE \"user\" (id int, \"order\" text)")) {
            assertThat(statements(trip.migration().upgrade())).contains(
                    "CREATE SCHEMA \"Sales Dept\"",
                    "CREATE TABLE \"Sales Dept\".\"Order\" (",
                    "ALTER TABLE public.\"user\" ADD COLUMN \"order\" text");
            assertThat(trip.migration().upgrade()).contains("    \"Id\" integer,\n    \"my col\" integer\n");
        }
    }

    @Test
    void every_keyword_the_server_would_not_take_as_a_name_is_quoted() throws Exception {
        Set<String> keywords = new HashSet<>();
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'")) {
            while (rows.next()) {
                keywords.add(rows.getString(1));
            }
        }
        assertThat(keywords).isNotEmpty().allSatisfy(word -> assertThat(Sql.name(word)).isEqualTo('"' + word + '"'));
        assertThat(Sql.name("action")).as("an unreserved keyword needs no quotes").isEqualTo("action");
    }

    @Test
    void the_rich_fixture_is_built_from_nothing_and_taken_down_again() throws Exception {
        String fixture = RichFixture.resource("/snapshot/rich-fixture.sql");
        String role = "DO $$ BEGIN CREATE ROLE migrationtest_reader NOLOGIN;"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
        try (RoundTrip trip = RoundTrip.of(role, fixture, DiffOptions.defaults().withIgnored(LEFT_TO_PEOPLE))) {
            assertThat(trip.migration().manual()).isEmpty();

            DiffResult left = trip.upgrade();
            assertThat(left.differences()).as("%s\n%s", left.render(), trip.migration().upgrade()).isEmpty();
            assertThat(trip.downgrade()).isEqualTo(trip.head());
        }
    }

    @Test
    void the_rich_fixture_is_dropped_whole_and_built_back() throws Exception {
        String fixture = RichFixture.resource("/snapshot/rich-fixture.sql");
        try (RoundTrip trip = RoundTrip.of(fixture, "", DiffOptions.defaults().withIgnored(PARTITIONS))) {
            assertThat(trip.migration().manual()).as("only the catalog objects' creation")
                    .hasSize(CatalogObject.KINDS.size()).allMatch(entry -> entry.contains("not generated; create it"));

            DiffResult left = trip.upgrade();
            assertThat(left.differences()).as("%s\n%s", left.render(), trip.migration().upgrade()).isEmpty();
            DiffResult back = SchemaDiff.compare(trip.head(), trip.downgrade(),
                    DiffOptions.defaults().withIgnored(LEFT_TO_PEOPLE));
            assertThat(back.differences()).as("%s\n%s", back.render(), trip.migration().downgrade()).isEmpty();
        }
    }

    /** The statements of a script without comments and semicolons; a multi-line statement by its first line. */
    private static List<String> statements(String script) {
        return Arrays.stream(script.split("\n")).filter(line -> !line.isEmpty() && !line.startsWith("--")
                && !Character.isWhitespace(line.charAt(0)) && !line.startsWith(")"))
                .map(line -> line.endsWith(";") ? line.substring(0, line.length() - 1) : line).toList();
    }
}
