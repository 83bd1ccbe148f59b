package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects whose stored expression Postgres folded from {@code 'now'} at creation, on a real
 * Postgres: recreating them later is no difference, any other change still is.
 */
class TimeOfCreationTest {

    /** Each statement runs in a transaction of its own, so each folds a 'now' of its own. */
    private static final List<String> SCHEMA = List.of(
            "create table orders (id int, placed timestamp default 'now', due date default 'now',"
                    + " stamped timestamptz default 'now'::timestamptz, opened time default 'now',"
                    + " not_folded date default ('now'::text)::date, fixed date default '2020-01-01',"
                    + " check (due >= 'today'::date - 1))",
            "create view recent_orders as select id from orders where placed > 'now'::timestamp - interval '1 day'"
                    + " and stamped > 'now' and due = 'today' and placed > '2020-01-01'::date",
            "create index orders_recent on orders (placed) where due > 'now'::date",
            "create domain later as date default 'tomorrow' check (value > 'now'::date)");

    private static final String DROP = "drop view recent_orders; drop table orders; drop domain later";

    @Test
    void a_literal_folded_from_now_is_shown_as_now_and_a_literal_from_the_migration_as_written() throws Exception {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase()) {
            run(database, SCHEMA);

            String text = SnapshotText.render(RichFixture.snapshot(database));

            assertThat(text).contains("  default: 'now'::timestamp without time zone\n",
                    "  default: 'now'::date\n", "  default: 'now'::timestamp with time zone\n",
                    "  default: 'now'::time without time zone\n",
                    "  default: ('now'::text)::date\n", "  default: '2020-01-01'::date\n",
                    "CHECK ((due >= ('now'::date - 1)))",
                    "placed > ('now'::timestamp without time zone - '1 day'::interval)",
                    "stamped > 'now'::timestamp with time zone", "due = 'now'::date", "placed > '2020-01-01'::date;",
                    "CREATE INDEX orders_recent ON public.orders USING btree (placed) WHERE (due > 'now'::date)",
                    "CHECK ((VALUE > 'now'::date))");
            assertThat(text).as("'tomorrow' is not the time of creation")
                    .containsPattern("domain public.later\n  type: date\n  default: '\\d{4}-\\d{2}-\\d{2}'::date\n");
        }
    }

    @Test
    void objects_recreated_later_have_an_equal_snapshot_though_postgres_stored_other_literals() throws Exception {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase()) {
            run(database, SCHEMA);
            SchemaSnapshot first = RichFixture.snapshot(database);
            String firstView = viewDefinition(database);
            run(database, List.of(DROP));
            run(database, SCHEMA);

            SchemaSnapshot again = RichFixture.snapshot(database);

            assertThat(viewDefinition(database)).as("Postgres folded another time").isNotEqualTo(firstView);
            assertThat(SchemaDiff.compare(first, again).isEmpty()).isTrue();
            assertThat(SnapshotText.render(again)).isEqualTo(SnapshotText.render(first));
        }
    }

    @Test
    void a_changed_expression_or_a_written_literal_is_still_a_difference() throws Exception {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase()) {
            run(database, SCHEMA);
            SchemaSnapshot before = RichFixture.snapshot(database);
            run(database, List.of("alter table orders alter placed set default '2020-01-01 10:00'",
                    "alter table orders alter due set default now()::date",
                    "alter table orders alter stamped set default 'now'::date",
                    "create or replace view recent_orders as select id from orders where placed > 'now'::timestamp"
                            + " - interval '1 day' and stamped > 'now' and due = 'today' and placed > '2021-01-01'::date"));

            DiffResult diff = SchemaDiff.compare(before, RichFixture.snapshot(database));

            assertThat(diff.render()).contains(
                    "public.orders.placed: default 'now'::timestamp without time zone -> '2020-01-01 10:00:00'::timestamp without time zone",
                    "public.orders.due: default 'now'::date -> (now())::date",
                    "public.orders.stamped: default 'now'::timestamp with time zone -> 'now'::date",
                    "public.recent_orders: definition differs from line 3:",
                    "placed > '2020-01-01'::date;\" -> \"...", "placed > '2021-01-01'::date;\"");
        }
    }

    /** Revision 2 replaces the view and its downgrade puts the old one back: each time with a 'now' of its own. */
    @Test
    void a_verification_through_views_recreated_with_now_passes_and_a_broken_downgrade_still_fails(@TempDir Path history)
            throws Exception {
        Files.writeString(history.resolve("0001_orders.up.sql"), SCHEMA.get(0) + ";\n" + SCHEMA.get(1) + ";\n");
        Files.writeString(history.resolve("0001_orders.down.sql"), "drop view recent_orders;\ndrop table orders;\n");
        Files.writeString(history.resolve("0002_today.up.sql"), "create or replace view recent_orders as select id"
                + " from orders where due = 'today'::date;\nalter table orders alter fixed set default 'today';\n");
        Files.writeString(history.resolve("0002_today.down.sql"), "drop view recent_orders;\n" + SCHEMA.get(1)
                + ";\nalter table orders alter fixed set default '2020-01-02';\n");

        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults()).verify(PostgresServer.shared());

        assertThat(outcome(report, "0001", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0001", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0002", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        CheckResult down = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(down.outcome()).as("the old default was a written date, not 'now'").isEqualTo(Outcome.FAILED);
        assertThat(down.differences()).extracting(ReportedDifference::description).containsExactly(
                "public.orders.fixed: default '2020-01-01'::date -> '2020-01-02'::date");
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).map(CheckResult::outcome).orElse(null);
    }

    @Test
    void a_partial_read_shows_the_time_of_creation_as_a_whole_read_does() throws Exception {
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
            reader.read(connection);
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }

            SchemaSnapshot partial = reader.read(connection);

            assertThat(reader.partialReads()).isEqualTo(1);
            assertThat(SnapshotText.render(partial)).isEqualTo(SnapshotText.render(SnapshotReader.read(connection)))
                    .contains("'now'::timestamp with time zone");
        }
    }

    private static void run(DisposableDatabase database, List<String> statements) throws Exception {
        for (String sql : statements) {
            RichFixture.execute(database, sql);
        }
    }

    private static String viewDefinition(DisposableDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_get_viewdef('recent_orders'::regclass)")) {
            row.next();
            return row.getString(1);
        }
    }
}
