package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An incremental read must equal a whole read after every kind of DDL: each statement of the rich
 * fixture, then changes whose effects reach other objects (renames, moves, partitions, cascades),
 * then migrations that get in the recorder's way.
 */
class IncrementalReaderTest {

    /** Changes to the rich fixture, each followed by a read, and whether that read may be partial. */
    private static final List<Step> CHANGES = List.of(
            partial("ALTER TABLE app.users RENAME TO members"), // FK, views, policies, identity sequence
            partial("ALTER TABLE app.members RENAME COLUMN name TO full_name"), // view, index, generated column
            // Drops the identity sequence as an internal deletion, which no event trigger reports
            partial("ALTER TABLE app.members ALTER COLUMN id DROP IDENTITY"),
            partial("ALTER TABLE app.members ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 2)"),
            partial("ALTER TYPE app.mood RENAME TO feeling"), // column type and its default's cast
            partial("ALTER TYPE app.feeling ADD VALUE 'ecstatic' AFTER 'happy'"),
            partial("ALTER TYPE app.feeling RENAME VALUE 'ok' TO 'fine'"), // the default names the label
            partial("ALTER FUNCTION app.touch() RENAME TO stamp"), // the triggers' definitions
            partial("ALTER TABLE app.events DETACH PARTITION app.events_2024"), // only the parent is reported
            partial("ALTER TABLE app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"),
            partial("ALTER TABLE app.events ADD COLUMN source text"), // reaches every partition
            partial("ALTER TABLE app.orders ADD COLUMN note text DEFAULT 'x'"),
            partial("ALTER TABLE app.orders ALTER COLUMN note SET NOT NULL"),
            partial("ALTER TABLE app.orders ALTER COLUMN note TYPE varchar(200)"),
            partial("CREATE INDEX orders_note_idx ON app.orders (note)"),
            partial("DROP INDEX app.orders_note_idx"), // the catalogs no longer say on which table
            partial("CREATE INDEX orders_lower_note ON app.orders (lower(note))"),
            partial("ALTER INDEX app.orders_lower_note ALTER COLUMN 1 SET STATISTICS 400"),
            partial("ALTER TABLE app.orders DROP CONSTRAINT orders_total_check"),
            partial("DROP TRIGGER orders_touch ON app.orders"),
            partial("ALTER TABLE app.orders ENABLE RULE orders_keep_large"),
            partial("CREATE RULE orders_notify AS ON UPDATE TO app.orders DO ALSO NOTIFY orders"),
            partial("ALTER RULE orders_notify ON app.orders RENAME TO orders_tell"),
            partial("DROP RULE orders_keep_large ON app.orders"),
            partial("DROP POLICY users_self ON app.members"),
            partial("COMMENT ON COLUMN app.orders.note IS 'a note'"),
            partial("ALTER MATERIALIZED VIEW app.user_totals ALTER COLUMN total SET STATISTICS 200"),
            partial("ALTER SEQUENCE app.invoice_no RENAME TO invoice_number"), // the default's nextval
            partial("ALTER SEQUENCE app.invoice_number INCREMENT 7"),
            partial("ALTER DOMAIN app.positive_int ADD CONSTRAINT below_million CHECK (VALUE < 1000000)"),
            partial("ALTER DOMAIN app.positive_int DROP CONSTRAINT below_million"),
            partial("ALTER TYPE app.address ADD ATTRIBUTE country text"),
            partial("COMMENT ON COLUMN app.address.country IS 'ISO 3166'"),
            partial("CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders"),
            partial("ALTER VIEW app.order_totals RENAME COLUMN total TO amount"),
            partial("ALTER TABLE app.orders SET SCHEMA public"), // its sequence and indexes move along; the publication names it anew
            partial("CREATE TABLE public.order_archive (archived_at date) INHERITS (public.orders)"),
            partial("ALTER TABLE public.orders ADD COLUMN region text"), // reaches the child
            partial("ALTER TABLE public.order_archive NO INHERIT public.orders"),
            partial("DROP SEQUENCE public.invoice_number CASCADE"), // drops the default that names it
            // CLUSTER fires no event trigger: a digest of the clustered indexes sees both.
            whole("ALTER TABLE public.orders SET WITHOUT CLUSTER"),
            whole("CLUSTER public.orders USING orders_pkey"),
            partial("ALTER EVENT TRIGGER app_ddl DISABLE"), // no event trigger either: always re-read
            partial("ALTER PUBLICATION app_feed ADD TABLE app.events"), // members (users renamed) is in it already
            partial("ALTER PUBLICATION app_feed SET (publish = 'insert')"),
            partial("DROP TABLE app.members CASCADE"), // views, the materialized view, the foreign key, the publication
            whole("GRANT SELECT ON app.order_totals TO migrationtest_reader"),
            whole("ALTER SCHEMA app RENAME TO shop"),
            whole("DROP EXTENSION citext CASCADE"),
            whole("DROP SCHEMA \"Odd Schema\" CASCADE"),
            partial("CREATE FUNCTION shop.twice(x integer) RETURNS integer LANGUAGE sql RETURN x * 2"),
            partial("DROP FUNCTION shop.twice(integer)"));

    private record Step(String sql, boolean partial) {
    }

    private static Step partial(String sql) {
        return new Step(sql, true);
    }

    private static Step whole(String sql) {
        return new Step(sql, false);
    }

    @Test
    void equalsAWholeReadAfterEveryStatementOfTheRichFixtureAndAfterChangesThatReachOtherObjects() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            assertThat(reader.isIncremental()).isTrue();
            reader.read(connection);
            String fixture = RichFixture.resource("/snapshot/rich-fixture.sql");
            for (SqlStatement statement : SqlScript.parse("rich-fixture.sql", fixture).statements()) {
                execute(connection, statement.sql());
                assertEqualsWholeRead(reader, connection, statement.sql());
            }
            for (Step step : CHANGES) {
                int partialBefore = reader.partialReads();
                execute(connection, step.sql());
                assertEqualsWholeRead(reader, connection, step.sql());
                assertThat(reader.partialReads() - partialBefore).as("partial read after %s", step.sql())
                        .isEqualTo(step.partial() ? 1 : 0);
            }
            assertThat(reader.partialReads()).as("partial reads").isGreaterThan(60);
        }
    }

    @Test
    void resumesFromAMarkInClonesOfTheMarkedDatabaseWithPartialReads() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (DisposableDatabase original = server.createDatabase()) {
            IncrementalReader reader;
            IncrementalReader.Mark mark;
            try (Connection connection = original.connect()) {
                reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
                String fixture = RichFixture.resource("/snapshot/rich-fixture.sql");
                for (SqlStatement statement : SqlScript.parse("rich-fixture.sql", fixture).statements()) {
                    execute(connection, statement.sql());
                }
                reader.read(connection);
                // Changed after the last read: only the clone's copy of the recorder's log knows.
                execute(connection, "ALTER TABLE app.orders ADD COLUMN unread_before_the_mark text");
                mark = reader.mark();
            }
            // A database is cloned only while nobody is connected to it, as the walk's checkpoints are.
            for (String change : List.of("ALTER TABLE app.users RENAME TO members",
                    "ALTER TABLE app.orders DROP COLUMN unread_before_the_mark")) {
                try (DisposableDatabase clone = server.createDatabaseFrom(original);
                        Connection connection = clone.connect()) {
                    reader.resume(mark);
                    execute(connection, change);
                    int wholeBefore = reader.wholeReads();
                    assertEqualsWholeRead(reader, connection, "resuming, then " + change);
                    assertThat(reader.wholeReads()).as("whole reads after resuming").isEqualTo(wholeBefore);
                }
            }
        }
    }

    /**
     * A round trip's way: a mark for a rollback, every change of {@link #CHANGES} read in a transaction (partial and
     * whole reads, a fallback state replacing the marked one), rolled back, and the reader rolled back to the mark. The reader must know
     * the database as it was, read only what changes after, and do so again for a second round trip.
     */
    @Test
    void returnsToARollBackMarkAfterARolledBackTransactionOfChanges() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            String fixture = RichFixture.resource("/snapshot/rich-fixture.sql");
            for (SqlStatement statement : SqlScript.parse("rich-fixture.sql", fixture).statements()) {
                execute(connection, statement.sql());
            }
            String marked = SnapshotText.render(reader.read(connection));
            for (String committedAfter : List.of("ALTER TABLE app.orders ADD COLUMN kept_1 text",
                    "ALTER TABLE app.users ADD COLUMN kept_2 text")) {
                // Changed after the last read: the log's rows must come back with the rollback, unread.
                execute(connection, "COMMENT ON TABLE app.orders IS 'before the mark'");
                IncrementalReader.RollBackMark mark = reader.markForRollBack();
                connection.setAutoCommit(false);
                for (Step step : CHANGES) {
                    execute(connection, step.sql());
                    assertEqualsWholeRead(reader, connection, "in the transaction: " + step.sql());
                }
                connection.rollback();
                connection.setAutoCommit(true);
                reader.rollBack(mark);
                int wholeBefore = reader.wholeReads();
                assertEqualsWholeRead(reader, connection, "the rollback");
                execute(connection, committedAfter);
                assertEqualsWholeRead(reader, connection, "the rollback, then " + committedAfter);
                assertThat(reader.wholeReads()).as("whole reads after resuming").isEqualTo(wholeBefore);
                assertThat(SnapshotText.render(reader.read(connection))).as("the marked schema changed")
                        .isNotEqualTo(marked);
                marked = SnapshotText.render(reader.read(connection));
            }
        }
    }

    /**
     * A change that keeps a table's, type's or routine's names leaves the units depending on it (the
     * foreign keys of other tables, views, triggers) unread; a rename reads them again, also when
     * the read sees only a name that looks kept (a column renamed, dropped or re-added between reads).
     */
    @Test
    void readsTheUnitsDependingOnAChangedOneOnlyWhenWhatTheyPrintOfItChanged() throws SQLException {
        withStartedReader((connection, reader) -> {
            execute(connection, """
                    CREATE TYPE public.state AS ENUM ('new', 'done');
                    CREATE TABLE public.parent (id int PRIMARY KEY, a int, b int, s public.state DEFAULT 'new');
                    CREATE TABLE public.child (id int, parent_id int REFERENCES public.parent (id));
                    CREATE VIEW public.parent_view AS SELECT id, b, s FROM public.parent;
                    CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                    CREATE TRIGGER child_touch BEFORE INSERT ON public.child FOR EACH ROW EXECUTE FUNCTION public.touch();
                    """);
            reader.read(connection);
            // Each: the change, and how many units the read reads again (the changed one, or it and its dependents).
            List<Map.Entry<String, Integer>> steps = List.of(
                    Map.entry("COMMENT ON TABLE public.parent IS 'p'", 1),
                    Map.entry("ALTER TABLE public.parent ADD COLUMN c int", 1),
                    Map.entry("CREATE INDEX parent_a ON public.parent (a)", 1),
                    Map.entry("ALTER TABLE public.parent ALTER COLUMN a SET DEFAULT 7", 1),
                    Map.entry("CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql"
                            + " AS $$ BEGIN NEW.id = 1; RETURN NEW; END $$", 1),
                    Map.entry("ALTER FUNCTION public.touch() RENAME TO stamp", 2), // the trigger's definition
                    Map.entry("ALTER TABLE public.parent RENAME COLUMN id TO pid", 3), // the foreign key, the view
                    Map.entry("ALTER TABLE public.parent RENAME COLUMN c TO d; ALTER TABLE public.parent ADD COLUMN c int", 3),
                    Map.entry("ALTER TABLE public.parent ADD COLUMN e int", 1),
                    Map.entry("ALTER TABLE public.parent DROP COLUMN e", 1), // its dependents would go with it
                    Map.entry("ALTER TABLE public.parent DROP COLUMN d; ALTER TABLE public.parent ADD COLUMN d int", 1),
                    Map.entry("CREATE VIEW public.last_view AS SELECT c FROM public.parent", 1),
                    // d's place and name are taken by the renamed c, c's by a new column: only the drop tells
                    Map.entry("ALTER TABLE public.parent DROP COLUMN d; ALTER TABLE public.parent RENAME COLUMN c TO d;"
                            + " ALTER TABLE public.parent ADD COLUMN c int", 4),
                    Map.entry("ALTER TYPE public.state RENAME VALUE 'new' TO 'open'; ALTER TYPE public.state ADD VALUE 'new'", 3),
                    Map.entry("ALTER TABLE public.parent RENAME TO mother", 4));
            for (Map.Entry<String, Integer> step : steps) {
                execute(connection, step.getKey());
                assertEqualsWholeRead(reader, connection, step.getKey());
                assertThat(reader.unitsReadLast()).as("units read after %s", step.getKey()).isEqualTo(step.getValue());
            }
        });
    }

    @Test
    void readsThePublicationsAgainWhenOneOrATableOrColumnTheyNameChanges() throws SQLException {
        assumeTrue(PostgresServer.shared().majorVersion() >= 15, "TABLES IN SCHEMA, column lists, row filters: Postgres 15");
        withStartedReader((connection, reader) -> {
            execute(connection, """
                    CREATE SCHEMA s;
                    CREATE TABLE public.t (id int PRIMARY KEY, a int, b text);
                    CREATE TABLE s.u (id int);
                    CREATE PUBLICATION p FOR TABLE public.t (id, a) WHERE (a > 0);
                    CREATE PUBLICATION q FOR TABLES IN SCHEMA s;
                    """);
            reader.read(connection);
            for (String change : List.of("ALTER TABLE public.t RENAME COLUMN a TO a2", "ALTER TABLE public.t RENAME TO t2",
                    "ALTER TABLE public.t2 SET SCHEMA s", "ALTER PUBLICATION q DROP TABLES IN SCHEMA s",
                    "ALTER PUBLICATION q ADD TABLE s.u, TABLES IN SCHEMA public", "ALTER SCHEMA s RENAME TO s3",
                    "ALTER TABLE s3.t2 ADD COLUMN c int", "DROP TABLE s3.u", "ALTER PUBLICATION p RENAME TO p2",
                    "DROP PUBLICATION q")) {
                int partialBefore = reader.partialReads();
                execute(connection, change);
                assertEqualsWholeRead(reader, connection, change);
                if (!change.startsWith("ALTER SCHEMA")) { // a schema's rename is read whole
                    assertThat(reader.partialReads() - partialBefore).as("partial read after %s", change).isEqualTo(1);
                }
            }
        });
    }

    @Test
    void readsTheCatalogObjectsAgainWhenOneOrWhatItIsMadeOfChanges() throws SQLException {
        withStartedReader((connection, reader) -> {
            execute(connection, """
                    CREATE FUNCTION public.plus(x int, y int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x + y';
                    CREATE TYPE public.mood AS ENUM ('ok');
                    CREATE FUNCTION public.as_mood(int) RETURNS public.mood LANGUAGE sql AS $$ SELECT 'ok'::public.mood $$;
                    """);
            reader.read(connection);
            List<String> changes = List.of(
                    "CREATE COLLATION public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                    "COMMENT ON COLLATION public.ci IS 'case-insensitive'", "ALTER COLLATION public.ci RENAME TO ci2",
                    "CREATE TEXT SEARCH DICTIONARY public.d (TEMPLATE = pg_catalog.simple)",
                    "CREATE TEXT SEARCH CONFIGURATION public.c (COPY = pg_catalog.english)",
                    "ALTER TEXT SEARCH CONFIGURATION public.c ALTER MAPPING FOR asciiword WITH public.d",
                    "ALTER TEXT SEARCH DICTIONARY public.d RENAME TO d2", // the configuration names it anew
                    "CREATE AGGREGATE public.total(int) (sfunc = public.plus, stype = int)",
                    "CREATE OPERATOR public.### (leftarg = int, rightarg = int, function = public.plus)",
                    "ALTER FUNCTION public.plus(int, int) RENAME TO add", // the aggregate and operator name it anew
                    "CREATE OPERATOR CLASS public.ops FOR TYPE int USING btree AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int)",
                    "ALTER OPERATOR FAMILY public.ops USING btree ADD OPERATOR 2 <= (int, int)",
                    "CREATE CAST (int AS public.mood) WITH FUNCTION public.as_mood(int)",
                    "ALTER TYPE public.mood RENAME TO feeling", // the cast names it anew
                    "CREATE FOREIGN DATA WRAPPER w", "CREATE SERVER srv FOREIGN DATA WRAPPER w OPTIONS (host 'x')",
                    "CREATE USER MAPPING FOR CURRENT_USER SERVER srv OPTIONS (user 'u')",
                    "ALTER USER MAPPING FOR CURRENT_USER SERVER srv OPTIONS (SET user 'v')",
                    "CREATE FOREIGN TABLE public.ft (id int NOT NULL) SERVER srv OPTIONS (table_name 'remote')",
                    "ALTER FOREIGN TABLE public.ft ADD COLUMN n text", "ALTER FOREIGN TABLE public.ft DROP COLUMN n",
                    "ALTER SERVER srv RENAME TO srv2",
                    "CREATE CONVERSION public.conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8",
                    "DROP OPERATOR CLASS public.ops USING btree", "DROP OPERATOR FAMILY public.ops USING btree",
                    "DROP AGGREGATE public.total(int)", "DROP CAST (int AS public.feeling)", "DROP FOREIGN TABLE public.ft",
                    "DROP USER MAPPING FOR CURRENT_USER SERVER srv2", "DROP SERVER srv2", "DROP FOREIGN DATA WRAPPER w",
                    "DROP TEXT SEARCH CONFIGURATION public.c", "DROP COLLATION public.ci2", "DROP FUNCTION public.add CASCADE");
            for (String change : changes) {
                execute(connection, change);
                assertEqualsWholeRead(reader, connection, change);
                if (change.startsWith("CREATE CONVERSION")) {
                    assertThat(SnapshotReader.read(connection).objects(CatalogObject.class))
                            .extracting(CatalogObject::kind).as("all made, none dropped yet").containsExactlyInAnyOrder(
                                    ObjectKind.COLLATION, ObjectKind.TEXT_SEARCH_DICTIONARY,
                                    ObjectKind.TEXT_SEARCH_CONFIGURATION, ObjectKind.AGGREGATE, ObjectKind.OPERATOR,
                                    ObjectKind.OPERATOR_CLASS, ObjectKind.OPERATOR_FAMILY, ObjectKind.CAST,
                                    ObjectKind.FOREIGN_DATA_WRAPPER, ObjectKind.SERVER, ObjectKind.USER_MAPPING,
                                    ObjectKind.FOREIGN_TABLE, ObjectKind.CONVERSION);
                }
            }
            assertThat(SnapshotReader.read(connection).objects(CatalogObject.class)).extracting(CatalogObject::path)
                    .containsExactlyInAnyOrder("text search dictionary public.d2", "conversion public.conv");
        });
    }

    /**
     * Postgres records no change of an event trigger: a read that finds none to re-read and the
     * event triggers as they were sends no catalog query; each change below must still be seen.
     */
    @Test
    void seesEveryChangeOfAnEventTriggerAfterReadsThatFoundNothingToRead() throws SQLException {
        withStartedReader((connection, reader) -> {
            execute(connection, """
                    CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                    CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION public.on_ddl();
                    """);
            assertEqualsWholeRead(reader, connection, "creating an event trigger");
            for (String change : List.of("ALTER EVENT TRIGGER audit_ddl DISABLE",
                    "ALTER EVENT TRIGGER audit_ddl ENABLE REPLICA",
                    "COMMENT ON EVENT TRIGGER audit_ddl IS 'audits'",
                    "ALTER EVENT TRIGGER audit_ddl RENAME TO audit_commands",
                    "ALTER FUNCTION public.on_ddl() RENAME TO on_command", // the trigger names its function
                    "DROP EVENT TRIGGER audit_commands")) {
                assertEqualsWholeRead(reader, connection, "nothing, before " + change);
                execute(connection, change);
                assertEqualsWholeRead(reader, connection, change);
            }
            assertThat(reader.wholeReads()).as("whole reads").isEqualTo(1);
        });
    }

    @Test
    void seesMigrationsRunByAnotherRoleOrAsAReplica() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            createMigratorRole(connection);
            execute(connection, "GRANT CREATE ON SCHEMA public TO migrationtest_migrator");
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            reader.read(connection);
            execute(connection, "SET ROLE migrationtest_migrator");
            execute(connection, "CREATE TABLE public.by_role (id int PRIMARY KEY)");
            execute(connection, "RESET ROLE");
            assertEqualsWholeRead(reader, connection, "a table created by a role that is no superuser");
            assertThat(reader.read(connection).table("public", "by_role")).isPresent();
            execute(connection, "SET session_replication_role = replica");
            execute(connection, "CREATE TABLE public.as_replica (id int)");
            execute(connection, "RESET session_replication_role");
            assertEqualsWholeRead(reader, connection, "a table created with session_replication_role = replica");
            assertThat(reader.wholeReads()).as("whole reads").isEqualTo(1);
        }
    }

    @Test
    void readsTheWholeSchemaAgainWhenAMigrationDisablesOrDropsTheRecorder() throws SQLException {
        withStartedReader((connection, reader) -> {
            execute(connection, "ALTER EVENT TRIGGER migrationtest_command_end DISABLE");
            execute(connection, "CREATE TABLE public.unrecorded (id int)");
            assertEqualsWholeRead(reader, connection, "a table created while the recorder was disabled");
            execute(connection, "CREATE TABLE public.recorded_after_enabling (id int)");
            assertEqualsWholeRead(reader, connection, "a table created after the recorder was enabled again");
            assertThat(reader.wholeReads()).as("the disabled recorder was put back to work").isEqualTo(2);
            execute(connection, "DROP SCHEMA migrationtest_recorder CASCADE");
            execute(connection, "CREATE TABLE public.unrecorded_too (id int)");
            assertEqualsWholeRead(reader, connection, "a table created after the recorder was dropped");
            assertThat(reader.wholeReads()).isEqualTo(3);
            execute(connection, "CREATE TABLE public.recorded_again (id int)");
            assertEqualsWholeRead(reader, connection, "a table created after the recorder was put back");
            assertThat(reader.wholeReads()).as("the recorder works again").isEqualTo(3);
        });
    }

    @Test
    void readsTheWholeSchemaWhenAMigrationDropsTheRecorderInsideTheWalksTransaction() throws SQLException {
        // A rolled-back round trip reads inside its transaction: a failed read of the log must not abort it.
        withStartedReader((connection, reader) -> {
            IncrementalReader.RollBackMark mark = reader.markForRollBack();
            connection.setAutoCommit(false);
            execute(connection, "CREATE TABLE public.before_the_drop (id int)");
            assertEqualsWholeRead(reader, connection, "a table created in the transaction");
            execute(connection, "DROP SCHEMA migrationtest_recorder CASCADE");
            execute(connection, "CREATE TABLE public.after_the_drop (id int)");
            int wholeBefore = reader.wholeReads();
            assertEqualsWholeRead(reader, connection, "the recorder dropped in the transaction");
            assertThat(reader.wholeReads() - wholeBefore).as("whole reads after the drop").isEqualTo(1);
            execute(connection, "CREATE TABLE public.recorded_again (id int)");
            assertEqualsWholeRead(reader, connection, "a table created after the recorder was put back");
            assertThat(reader.wholeReads() - wholeBefore).as("the recorder works again in the transaction").isEqualTo(1);
            connection.rollback();
            connection.setAutoCommit(true);
            reader.rollBack(mark);
            execute(connection, "CREATE TABLE public.after_the_rollback (id int)");
            assertEqualsWholeRead(reader, connection, "the rollback brought the old recorder back");
            assertThat(reader.wholeReads() - wholeBefore).as("the old recorder works").isEqualTo(1);
        });
    }

    @Test
    void seesEnumLabelsAMigrationDeletesOrRenamesInPgEnumItself() throws SQLException {
        // The way to drop a label before Postgres could (hyperswitch's diesel downgrades still do it): no event
        // trigger fires, and a read that kept the type's earlier labels failed a downgrade that worked.
        withStartedReader((connection, reader) -> {
            execute(connection, "CREATE TYPE public.status AS ENUM ('new', 'paid')");
            execute(connection, "CREATE TABLE public.invoices (id int, status public.status)");
            reader.read(connection);
            int partialBefore = reader.partialReads();
            execute(connection, "ALTER TYPE public.status ADD VALUE 'cancelled' AFTER 'new'");
            assertEqualsWholeRead(reader, connection, "a label added");
            execute(connection, "DELETE FROM pg_enum WHERE enumlabel = 'cancelled' AND enumtypid = 'public.status'::regtype");
            assertEqualsWholeRead(reader, connection, "a label deleted from pg_enum");
            execute(connection, "UPDATE pg_enum SET enumlabel = 'settled' WHERE enumlabel = 'paid'"
                    + " AND enumtypid = 'public.status'::regtype");
            assertEqualsWholeRead(reader, connection, "a label renamed in pg_enum");

            // Inside the walk's transaction, rolled back after the round trip.
            connection.setAutoCommit(false);
            execute(connection, "ALTER TYPE public.status ADD VALUE 'refunded'");
            assertEqualsWholeRead(reader, connection, "a label added in a transaction");
            execute(connection, "DELETE FROM pg_enum WHERE enumlabel = 'refunded' AND enumtypid = 'public.status'::regtype");
            assertEqualsWholeRead(reader, connection, "a label deleted from pg_enum in the transaction");
            connection.rollback();
            connection.setAutoCommit(true);
            assertEqualsWholeRead(reader, connection, "the transaction rolled back");
            assertThat(reader.partialReads() - partialBefore).as("partial reads").isEqualTo(6);
        });
    }

    @Test
    void readsTheWholeSchemaAfterARoleNamedInGrantsIsRenamed() throws SQLException {
        // Roles are cluster-wide and fire no event trigger: only the digest of role names sees this.
        withStartedReader((connection, reader) -> {
            execute(connection, "DO $$ BEGIN CREATE ROLE migrationtest_grantee NOLOGIN; "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            try {
                execute(connection, "CREATE TABLE public.shared (id int)");
                execute(connection, "GRANT SELECT ON public.shared TO migrationtest_grantee");
                reader.read(connection);
                int wholeBefore = reader.wholeReads();
                execute(connection, "ALTER ROLE migrationtest_grantee RENAME TO migrationtest_grantee_renamed");

                assertEqualsWholeRead(reader, connection, "a role named in a grant was renamed");
                assertThat(reader.wholeReads() - wholeBefore).as("whole reads after the rename").isEqualTo(1);
            } finally {
                execute(connection, "DROP TABLE IF EXISTS public.shared");
                execute(connection, "DROP ROLE IF EXISTS migrationtest_grantee");
                execute(connection, "DROP ROLE IF EXISTS migrationtest_grantee_renamed");
            }
        });
    }

    @Test
    void putsADisabledRecorderBackInsideTheCallersTransactionWithoutCommittingIt() throws SQLException {
        withStartedReader((connection, reader) -> {
            connection.setAutoCommit(false);
            execute(connection, "ALTER EVENT TRIGGER migrationtest_command_end DISABLE");
            execute(connection, "CREATE TABLE public.rolled_back (id int)");

            assertEqualsWholeRead(reader, connection, "a table created while the recorder was disabled");
            assertThat(connection.getAutoCommit()).isFalse();
            connection.rollback();
            connection.setAutoCommit(true);

            assertThat(SnapshotReader.read(connection).table("public", "rolled_back"))
                    .as("the caller's transaction was rolled back, not committed by the read").isEmpty();
            assertThat(number(connection, "select count(*) from pg_event_trigger where evtname like 'migrationtest_%'"
                    + " and evtenabled = 'A'")).as("the recorder as it was before the transaction")
                    .isEqualTo((long) DdlRecorder.TRIGGERS.size());
        });
    }

    @Test
    void readsInTheCallersTransactionAndLeavesItsSettingsAsTheyWere() throws SQLException {
        withStartedReader((connection, reader) -> {
            connection.setAutoCommit(false);
            execute(connection, "SET search_path = public");
            execute(connection, "SET enable_seqscan = on");
            execute(connection, "SET plan_cache_mode = auto");
            execute(connection, "SET jit = on");
            String sessionDateStyle = show(connection, "DateStyle");
            execute(connection, "SET LOCAL DateStyle = 'ISO, DMY'"); // a value with a comma, for this transaction only
            execute(connection, "CREATE TABLE public.t (id int PRIMARY KEY)");

            assertEqualsWholeRead(reader, connection, "a table created in the open transaction");

            assertThat(reader.partialReads()).isEqualTo(1);
            assertThat(show(connection, "search_path")).isEqualTo("public");
            assertThat(show(connection, "enable_seqscan")).isEqualTo("on");
            assertThat(show(connection, "enable_hashjoin")).isEqualTo("on");
            assertThat(show(connection, "plan_cache_mode")).isEqualTo("auto");
            assertThat(show(connection, "jit")).isEqualTo("on");
            assertThat(show(connection, "DateStyle")).isEqualTo("ISO, DMY");
            connection.commit();
            assertThat(show(connection, "DateStyle")).as("a local value ends with the transaction, as it would have")
                    .isEqualTo(sessionDateStyle);
            connection.setAutoCommit(true);
            execute(connection, "ALTER TABLE public.t ADD COLUMN name text");
            assertEqualsWholeRead(reader, connection, "a column added outside a transaction");
            assertThat(show(connection, "enable_seqscan")).as("settings of a read end with its batch").isEqualTo("on");
            assertThat(show(connection, "jit")).isEqualTo("on");
        });
    }

    @Test
    void keepsTheRecordersLogSmallOverManyReads() throws SQLException {
        withStartedReader((connection, reader) -> {
            for (int i = 0; i < 120; i++) {
                execute(connection, "CREATE TABLE public.t (a int PRIMARY KEY, b int UNIQUE, c int CHECK (c > 0))");
                reader.read(connection);
                execute(connection, "DROP TABLE public.t");
                reader.read(connection);
            }
            // Each round logs about twenty rows; without a vacuum (autovacuum is off on the servers
            // we start) the log's table had grown to 7 pages, all of them scanned by every read.
            assertThat(number(connection, "select pg_relation_size('" + DdlRecorder.SCHEMA + ".touched') / 8192"))
                    .as("pages of the log").isLessThanOrEqualTo(3);
            assertThat(reader.partialReads()).isEqualTo(240);
        });
    }

    @Test
    void readsWholeSchemasWhenTheUserMayNotCreateEventTriggers() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            createMigratorRole(connection);
            execute(connection, "SET ROLE migrationtest_migrator");
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            execute(connection, "RESET ROLE");
            assertThat(reader.isIncremental()).isFalse();
            assertThat(SnapshotReader.read(connection).lookup("schema " + DdlRecorder.SCHEMA)).isEmpty();
            try (Statement statement = connection.createStatement(); var row = statement.executeQuery(
                    "select count(*) from pg_namespace where nspname = '" + DdlRecorder.SCHEMA + "'")) {
                row.next();
                assertThat(row.getInt(1)).as("nothing left behind").isZero();
            }
            execute(connection, "CREATE TABLE public.t (id int)");
            assertThat(reader.read(connection).table("public", "t")).isPresent();
        }
    }

    private interface ReaderTest {
        void run(Connection connection, IncrementalReader reader) throws SQLException;
    }

    /** Runs {@code test} in a new database with a started reader that has read it once. */
    private static void withStartedReader(ReaderTest test) throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            reader.read(connection);
            test.run(connection, reader);
        }
    }

    private static void assertEqualsWholeRead(IncrementalReader reader, Connection connection, String after)
            throws SQLException {
        String incremental = SnapshotText.render(reader.read(connection));
        String whole = SnapshotText.render(SnapshotReader.read(connection));
        assertThat(incremental).as("incremental read after: %s", after).isEqualTo(whole);
    }

    /** A role that is no superuser; roles are cluster-wide, and tests share the server. */
    private static void createMigratorRole(Connection connection) throws SQLException {
        execute(connection, "DO $$ BEGIN CREATE ROLE migrationtest_migrator NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); var row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
