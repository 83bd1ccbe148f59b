package io.github.migrationtest.verifier.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.RichFixture;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case changes one thing in a copy of the rich fixture by SQL and expects exactly the listed
 * differences: the change is seen, at the right path and as the right kind, and nothing else is.
 * A difference is written {@code path: property} for a change, {@code path: missing},
 * {@code path: unexpected} or {@code path: column order}.
 */
class ChangeDetectionTest {
    private static DisposableDatabase fixture;
    private static SchemaSnapshot before;

    @BeforeAll
    static void loadFixture() throws Exception {
        fixture = RichFixture.create();
        before = RichFixture.snapshot(fixture);
    }

    @AfterAll
    static void dropFixture() {
        fixture.close();
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                change("no change at all", "SELECT 1"),
                change("data and sequence positions are not schema",
                        "INSERT INTO app.cache VALUES ('k', '{}'); SELECT nextval('app.invoice_no');"
                                + " ALTER TABLE app.users ALTER COLUMN id RESTART WITH 5000"),
                change("bookkeeping tables are ignored",
                        "ALTER TABLE public.flyway_schema_history ADD COLUMN checksum int;"
                                + " INSERT INTO public.flyway_schema_history VALUES (1, '1', 42)"),
                change("add an enum label", "ALTER TYPE app.mood ADD VALUE 'ecstatic'", "type app.mood: labels"),
                change("add an enum label in the middle", "ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok'",
                        "type app.mood: labels"),
                change("change a check constraint", "ALTER TABLE app.orders DROP CONSTRAINT orders_total_check,"
                        + " ADD CONSTRAINT orders_total_check CHECK (total > 0) NOT VALID;"
                        + " COMMENT ON CONSTRAINT orders_total_check ON app.orders IS 'never negative'",
                        "constraint app.orders.orders_total_check: definition"),
                change("validate a NOT VALID constraint", "ALTER TABLE app.orders VALIDATE CONSTRAINT orders_total_check",
                        "constraint app.orders.orders_total_check: definition"),
                change("change foreign key actions", "ALTER TABLE app.orders DROP CONSTRAINT orders_user_fk,"
                        + " ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES app.users (id) MATCH FULL"
                        + " ON DELETE RESTRICT ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED",
                        "constraint app.orders.orders_user_fk: definition"),
                change("drop a unique constraint", "ALTER TABLE app.users DROP CONSTRAINT users_email_key",
                        "constraint app.users.users_email_key: missing"),
                change("change a default", "ALTER TABLE app.users ALTER COLUMN name SET DEFAULT 'nobody'",
                        "app.users.name: default"),
                change("drop not null", "ALTER TABLE app.users ALTER COLUMN created_at DROP NOT NULL",
                        "app.users.created_at: not null"),
                change("change a column type", "ALTER TABLE app.cache ALTER COLUMN value TYPE json",
                        "app.cache.value: type"),
                change("change a column collation", "ALTER TABLE app.cache ALTER COLUMN key TYPE text COLLATE \"POSIX\"",
                        "app.cache.key: collation"),
                change("change a column storage", "ALTER TABLE app.users ALTER COLUMN name SET STORAGE MAIN",
                        "app.users.name: storage"),
                change("change a column statistics target", "ALTER TABLE app.users ALTER COLUMN name SET STATISTICS 500",
                        "app.users.name: statistics"),
                change("change a column option", "ALTER TABLE app.users ALTER COLUMN name SET (n_distinct = 100)",
                        "app.users.name: options"),
                change("change a table replica identity", "ALTER TABLE app.users REPLICA IDENTITY FULL",
                        "app.users: replica identity"),
                change("change a generated expression", "ALTER TABLE app.users DROP COLUMN name_upper;"
                        + " ALTER TABLE app.users ADD COLUMN name_upper text GENERATED ALWAYS AS (lower(name)) STORED",
                        "app.users.name_upper: generated"),
                change("change an identity to by default", "ALTER TABLE app.users ALTER COLUMN id SET GENERATED BY DEFAULT",
                        "app.users.id: identity"),
                change("change an identity option", "ALTER TABLE app.users ALTER COLUMN id SET INCREMENT BY 3",
                        "app.users_id_seq: increment"),
                change("add a column", "ALTER TABLE app.cache ADD COLUMN expires_at timestamptz",
                        "app.cache.expires_at: unexpected"),
                change("drop a column and add it back last", "ALTER TABLE app.users DROP COLUMN mood;"
                        + " ALTER TABLE app.users ADD COLUMN mood app.mood DEFAULT 'ok'", "app.users: column order"),
                change("drop a table", "DROP TABLE app.cache", "app.cache: missing"),
                change("make a table logged", "ALTER TABLE app.cache SET LOGGED", "app.cache: unlogged"),
                change("change a table's storage options", "ALTER TABLE app.cache SET (fillfactor = 80)",
                        "app.cache: options"),
                change("change a table's TOAST storage options",
                        "ALTER TABLE app.cache SET (toast.autovacuum_enabled = false)", "app.cache: options"),
                change("stop forcing row level security", "ALTER TABLE app.users NO FORCE ROW LEVEL SECURITY",
                        "app.users: force row level security"),
                change("attach a partition", "CREATE TABLE app.events_2025 (LIKE app.events);"
                        + " ALTER TABLE app.events ATTACH PARTITION app.events_2025"
                        + " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", "app.events_2025: unexpected"),
                change("detach a partition", "ALTER TABLE app.events DETACH PARTITION app.events_2024",
                        "app.events_2024: partition of", "app.events_2024: partition bound"),
                change("change an index predicate", "DROP INDEX app.users_created_idx;"
                        + " CREATE INDEX users_created_idx ON app.users (created_at DESC) INCLUDE (name) WHERE score > 1;"
                        + " COMMENT ON INDEX app.users_created_idx IS 'recent users'",
                        "app.users_created_idx: definition"),
                change("drop a materialized view's index", "DROP INDEX app.user_totals_id_idx",
                        "app.user_totals_id_idx: missing"),
                change("uncluster a table", "ALTER TABLE app.orders SET WITHOUT CLUSTER", "app.orders_pkey: clustered"),
                change("change a sequence increment", "ALTER SEQUENCE app.invoice_no INCREMENT 10",
                        "app.invoice_no: increment"),
                change("change a sequence owner", "ALTER SEQUENCE app.invoice_no OWNED BY NONE",
                        "app.invoice_no: owned by"),
                change("change a view definition", "CREATE OR REPLACE VIEW app.active_users WITH (security_barrier) AS"
                        + " SELECT id, email, name FROM app.users WHERE score > 1 WITH LOCAL CHECK OPTION",
                        "app.active_users: definition"),
                change("change a view option", "ALTER VIEW app.active_users RESET (security_barrier)",
                        "app.active_users: options"),
                change("change a function body", "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger"
                        + " LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$", "function app.touch(): body"),
                change("change a function's volatility", "ALTER FUNCTION app.add(integer, integer) STABLE",
                        "function app.add(a integer, b integer): volatility"),
                change("change a function's settings", "ALTER FUNCTION app.secret() RESET search_path",
                        "function app.secret(): settings"),
                change("drop security definer", "ALTER FUNCTION app.secret() SECURITY INVOKER",
                        "function app.secret(): security definer"),
                change("add an overload", "CREATE FUNCTION app.add(a bigint, b bigint) RETURNS bigint LANGUAGE sql"
                        + " RETURN a + b", "function app.add(a bigint, b bigint): unexpected"),
                change("change a procedure body", "CREATE OR REPLACE PROCEDURE app.archive(before date)"
                        + " LANGUAGE plpgsql AS $$ BEGIN NULL; END $$", "procedure app.archive(IN before date): body"),
                change("disable a trigger", "ALTER TABLE app.users DISABLE TRIGGER users_touch",
                        "trigger app.users.users_touch: enabled"),
                change("change a trigger's timing", "DROP TRIGGER users_touch ON app.users;"
                        + " CREATE TRIGGER users_touch AFTER UPDATE ON app.users FOR EACH ROW"
                        + " WHEN (OLD.score IS DISTINCT FROM NEW.score) EXECUTE FUNCTION app.touch();"
                        + " COMMENT ON TRIGGER users_touch ON app.users IS 'stamps rows'",
                        "trigger app.users.users_touch: definition"),
                change("disable an event trigger", "ALTER EVENT TRIGGER app_ddl DISABLE",
                        "event trigger app_ddl: enabled"),
                change("add a policy", "CREATE POLICY users_insert ON app.users FOR INSERT WITH CHECK (true)",
                        "policy app.users.users_insert: unexpected"),
                change("change a policy", "ALTER POLICY users_self ON app.users USING (name = session_user)",
                        "policy app.users.users_self: using"),
                change("grant a privilege", "GRANT INSERT ON app.users TO migrationtest_reader", "app.users: grants"),
                change("revoke a column privilege", "REVOKE UPDATE (total) ON app.orders FROM migrationtest_reader",
                        "app.orders.total: grants"),
                change("grant execute back to PUBLIC", "GRANT EXECUTE ON FUNCTION app.secret() TO PUBLIC",
                        "function app.secret(): grants"),
                change("revoke usage on a type from PUBLIC", "REVOKE USAGE ON TYPE app.mood FROM PUBLIC",
                        "type app.mood: grants"),
                change("change a column comment", "COMMENT ON COLUMN app.users.email IS 'the login'",
                        "app.users.email: comment"),
                change("drop a table comment", "COMMENT ON TABLE app.users IS NULL", "app.users: comment"),
                change("change a schema comment", "COMMENT ON SCHEMA app IS 'the app'", "schema app: comment"),
                change("comment on a range type", "COMMENT ON TYPE app.float_range IS 'floats'",
                        "type app.float_range: comment"),
                change("change a domain constraint", "ALTER DOMAIN app.positive_int DROP CONSTRAINT positive;"
                        + " ALTER DOMAIN app.positive_int ADD CONSTRAINT positive CHECK (VALUE >= 1)",
                        "type app.positive_int: constraint positive"),
                change("change a domain default", "ALTER DOMAIN app.positive_int SET DEFAULT 2",
                        "type app.positive_int: default"),
                change("add a composite attribute", "ALTER TYPE app.address ADD ATTRIBUTE country text",
                        "type app.address: attribute country"),
                change("move a composite attribute last", "ALTER TYPE app.address DROP ATTRIBUTE street;"
                        + " ALTER TYPE app.address ADD ATTRIBUTE street text", "type app.address: order"),
                change("add a schema", "CREATE SCHEMA extra", "schema extra: unexpected"),
                change("install an extension", "CREATE EXTENSION hstore", "extension hstore: unexpected"),
                change("a change in an odd name's table", "ALTER TABLE \"Odd Schema\".\"Mixed Case\""
                        + " ALTER COLUMN \"Weird \"\"col\"\"\" SET NOT NULL",
                        "\"Odd Schema\".\"Mixed Case\".\"Weird \"\"col\"\"\": not null"));
    }

    private static Arguments change(String name, String sql, String... expected) {
        return Arguments.of(name, sql, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void a_change_made_by_sql_is_found_at_its_path_and_nothing_else_is(String name, String sql, List<String> expected)
            throws Exception {
        try (DisposableDatabase copy = PostgresServer.shared().createDatabaseFrom(fixture)) {
            RichFixture.execute(copy, sql);

            DiffResult result = SchemaDiff.compare(before, RichFixture.snapshot(copy));

            assertThat(result.differences()).as(result.render()).extracting(ChangeDetectionTest::signature)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void a_flag_turned_off_reads_true_to_false() throws Exception {
        try (DisposableDatabase copy = PostgresServer.shared().createDatabaseFrom(fixture)) {
            RichFixture.execute(copy, "ALTER TABLE app.users ALTER COLUMN created_at DROP NOT NULL");

            assertThat(SchemaDiff.compare(before, RichFixture.snapshot(copy)).render())
                    .isEqualTo("app.users.created_at: not null true -> false\n");
        }
    }

    private static String signature(Difference difference) {
        String what = difference instanceof ChangedProperty changed ? changed.property()
                : difference.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return difference.path() + ": " + what;
    }
}
