package io.github.migrationtest.verifier.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each convention's files run as their tool runs them, on a real Postgres. */
class SqlConventionsRunTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private void write(String relative, String content) {
        new HistoryDir(dir).write(relative, content);
    }

    private MigrationSource open() {
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());
        assertThat(source.hasErrors()).as("%s", source.findings()).isFalse();
        return source;
    }

    private VerificationReport verify() {
        return new Verifier(open(), VerifierOptions.defaults()).verify(PostgresServer.shared());
    }

    private static CheckResult result(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).orElseThrow();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.connection().createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void an_empty_down_after_a_schema_change_fails_the_round_trip_and_after_a_data_change_passes() throws IOException {
        write("1_table.up.sql", "create table t (id int);");
        write("1_table.down.sql", "-- forgot the downgrade\n");
        write("2_rows.up.sql", "insert into t values (1);");
        write("2_rows.down.sql", "");

        VerificationReport report = verify();

        assertThat(report.historyCheck(Check.HISTORY_IS_LINEAR).orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(report, "2", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "2", Check.REUPGRADE_REPRODUCES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    /**
     * A project supporting several databases keeps one golang-migrate history per database side by side; pointed at
     * their parent, the verifier runs the PostgreSQL one (read as a whole, the versions collided and MySQL's files, first
     * by name, were the ones run) and lists the others as other databases'.
     */
    @Test
    void of_one_history_per_database_the_postgres_one_is_verified() throws IOException {
        write("mysql/000001_users.up.sql", "CREATE TABLE `users` (id int AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;");
        write("mysql/000001_users.down.sql", "DROP TABLE `users`;");
        write("sqlite3/000001_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT);");
        write("sqlite3/000001_users.down.sql", "DROP TABLE users;");
        write("postgres/000001_users.up.sql", "CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        write("postgres/000001_users.down.sql", "DROP TABLE users;");
        write("postgres/000002_email.up.sql", "ALTER TABLE users ADD COLUMN email text;");
        write("postgres/000002_email.down.sql", "SELECT 1; -- forgot the column");

        MigrationSource source = open();
        HistoryDir shown = new HistoryDir(dir);
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(dir + ": holds one history"
                + " per database: " + shown.shown("postgres") + "/ is verified, " + shown.shown("mysql") + "/, "
                + shown.shown("sqlite3") + "/ are other databases' (point at " + shown.shown("postgres")
                + " to say so yourself)");
        VerificationReport report = verify();

        assertThat(result(report, "000001", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "000002", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void a_missing_down_file_is_an_empty_downgrade_as_golang_migrate_runs_it() throws IOException {
        write("1_table.up.sql", "create table t (id int);");
        write("2_rows.up.sql", "insert into t values (1);");

        VerificationReport report = verify();

        assertThat(report.historyCheck(Check.HISTORY_IS_LINEAR).orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
        CheckResult table = result(report, "1", Check.DOWNGRADE_RESTORES_SCHEMA);
        assertThat(table.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(table.differences()).extracting(ReportedDifference::description).singleElement()
                .asString().contains("public.t").contains("unexpected table");
        assertThat(result(report, "2", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "2", Check.REUPGRADE_REPRODUCES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_no_op_step_runs_no_statement_and_still_records_its_version() throws Exception {
        write("1_nothing.up.sql", "");
        write("1_nothing.down.sql", "");
        MigrationSource source = open();
        Revision only = source.revisions().get(0);

        StepResult up = source.upgrade(only, db.connection());
        assertThat(up.statements()).isZero();
        assertThat(strings("select version::text from schema_migrations")).containsExactly("1");

        source.downgrade(only, db.connection());
        assertThat(strings("select version::text from schema_migrations")).isEmpty();
    }

    /** A history of one revision, {@code 1_t}, read, with the connection to run it on. */
    private record OneRevision(MigrationSource source, Revision revision, Connection connection) {
    }

    private OneRevision oneRevision(String up, String down) throws Exception {
        write("1_t.up.sql", up);
        write("1_t.down.sql", down);
        MigrationSource source = open();
        return new OneRevision(source, source.revisions().get(0), db.connection());
    }

    /**
     * The bookkeeping goes after the last statement, in its round trip, under a savepoint: a failing last statement
     * is reported as itself (not as the savepoint's absence), and the step records nothing.
     */
    @Test
    void a_failing_last_statement_is_reported_as_itself_and_the_step_records_nothing() throws Exception {
        OneRevision one = oneRevision("create table t (id int);\nselect * from no_such_table;", "drop table t;");

        assertThatThrownBy(() -> one.source().upgrade(one.revision(), one.connection()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.failure().location()).endsWith("1_t.up.sql:2:15");
                    assertThat(e.failure().message()).contains("no_such_table");
                    assertThat(e.failure().sqlState()).isEqualTo("42P01");
                });
        assertThat(strings("select version::text from schema_migrations")).isEmpty();
        assertThat(strings("select coalesce(to_regclass('t')::text, 'none')")).containsExactly("none");
    }

    /**
     * A file whose last statement creates a routine with a {@code BEGIN ATOMIC} body (golang-migrate and psql run it)
     * failed with "cannot insert multiple commands into a prepared statement": the bookkeeping sent in its round trip
     * went into the driver's prepared statement with it.
     */
    @Test
    void a_file_that_ends_with_a_begin_atomic_routine_runs_and_records_its_step() throws Exception {
        OneRevision one = oneRevision(
                "create function f(x int) returns int language sql\nbegin atomic\n  select x + 1;\nend;",
                "drop function f(int);");

        one.source().upgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from schema_migrations")).containsExactly("1");
        assertThat(strings("select f(1)::text")).containsExactly("2");
        one.source().downgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from schema_migrations")).isEmpty();
    }

    @Test
    void a_downgrade_that_drops_the_bookkeeping_table_gets_it_back_for_the_next_step() throws Exception {
        OneRevision one = oneRevision("create table t (id int);", "drop table t; drop table schema_migrations;");

        one.source().upgrade(one.revision(), one.connection());
        one.source().downgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from schema_migrations")).isEmpty();

        one.source().upgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from schema_migrations")).containsExactly("1");
    }

    /**
     * golang-migrate keeps its table in the schema current when it connected: a migration that moves the session's
     * search_path records its version there still, and a downgrade that drops the migration's schema finds nothing of
     * the tool's in it (the tables were made in {@code app}, and {@code DROP SCHEMA app} failed: a false alarm).
     */
    @Test
    void a_migration_that_sets_the_search_path_records_its_version_where_the_table_was_made() throws Exception {
        OneRevision one = oneRevision("create schema app;\nset search_path to app;\ncreate table t (id int);",
                "drop table app.t;\ndrop schema app;");

        one.source().upgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from public.schema_migrations")).containsExactly("1");
        assertThat(strings("select count(*)::text from pg_class where relnamespace = 'app'::regnamespace"))
                .containsExactly("1");
        one.source().downgrade(one.revision(), one.connection());
        assertThat(strings("select version::text from public.schema_migrations")).isEmpty();

        VerificationReport report = verify();
        assertThat(result(report, "1", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    /**
     * The tool records the step on the migration's connection, as golang-migrate does: a file that ends as another
     * role fails there, and the failure is the record's, named by the file, not by its last statement (which ran).
     */
    @Test
    void a_record_of_the_step_that_fails_is_reported_as_the_record_s_not_as_the_last_statement() throws Exception {
        String role = "mt_bookkeeping_" + ProcessHandle.current().pid();
        try (Statement setup = db.connection().createStatement()) {
            setup.execute("create role " + role + "; grant create on schema public to " + role);
        }
        try {
            OneRevision one = oneRevision("set role " + role + ";\ncreate table t (id int);", "drop table t;");

            assertThatThrownBy(() -> one.source().upgrade(one.revision(), one.connection()))
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.failure().location()).endsWith("1_t.up.sql");
                        assertThat(e.failure().message()).startsWith("its statements ran, but recording the step")
                                .contains("permission denied for table schema_migrations");
                        assertThat(e.failure().fix()).contains("RESET ROLE");
                    });
            assertThat(strings("select coalesce(to_regclass('t')::text, 'none')")).containsExactly("none");
        } finally {
            try (Statement cleanup = db.connection().createStatement()) {
                cleanup.execute("reset role; revoke create on schema public from " + role + "; drop role " + role);
            }
        }
    }

    /**
     * A down file that only raises refuses on purpose (neon's Databricks migrations: a plain {@code RAISE EXCEPTION},
     * which is no SQL and stops the downgrade with a syntax error): the fix is to declare it irreversible, as for an
     * Alembic downgrade() that only raises, not "Fix the statement". Any other failing downgrade keeps its fix.
     */
    @Test
    void a_downgrade_that_only_raises_is_told_to_be_declared_irreversible() {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;\nselect 1/0;");
        write("2_u.up.sql", "create table u (id int);");
        write("2_u.down.sql", "-- non-reversible\nRAISE EXCEPTION 'This migration is non-reversible.';\n");
        write("3_v.up.sql", "create table v (id int);");
        write("3_v.down.sql", "DO $$ BEGIN RAISE EXCEPTION 'irreversible'; END $$;");

        VerificationReport report = verify();

        assertThat(result(report, "1", Check.DOWNGRADE_RESTORES_SCHEMA).fix()).startsWith("Fix the statement at");
        assertThat(result(report, "2", Check.DOWNGRADE_RESTORES_SCHEMA).fix())
                .startsWith("Declare revision 2 irreversible (--irreversible 2=<reason>)")
                .contains("RAISE outside a DO block");
        assertThat(result(report, "3", Check.DOWNGRADE_RESTORES_SCHEMA).fix())
                .startsWith("Declare revision 3 irreversible").doesNotContain("outside a DO block");
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().fix())
                .startsWith("Declare revision 3 irreversible");
    }

    @Test
    void a_dbmate_history_is_walked_in_dbmate_s_file_name_order() {
        // dbmate runs 10_users.sql before 2_emails.sql (file names sorted as text); in number order the second would
        // alter a table that does not exist yet.
        write("10_users.sql", "-- migrate:up\ncreate table users (id int);\n-- migrate:down\ndrop table users;\n");
        write("2_emails.sql", "-- migrate:up\nalter table users add column email text;\n"
                + "-- migrate:down\nalter table users drop column email;\n");

        VerificationReport report = verify();

        assertThat(report.revisions()).extracting(RevisionReport::id).containsExactly("10", "2");
        assertThat(report.passed()).as("%s", report).isTrue();
    }

    @Test
    void dbmate_runs_any_sql_file_whose_name_starts_with_digits_in_file_name_order() {
        // dbmate's own pattern is ^(\d+).*\.sql$: no underscore needed. "002-emails.sql" sorts before "002_phones.sql"
        // ('-' before '_') and both after "001.sql"; the version recorded is the leading digits.
        write("001.sql", "-- migrate:up\ncreate table users (id int);\n-- migrate:down\ndrop table users;\n");
        write("002-emails.sql", "-- migrate:up\nalter table users add column email text;\n"
                + "-- migrate:down\nalter table users drop column email;\n");
        write("003_phones.sql", "-- migrate:up\nalter table users add column phone text;\n"
                + "-- migrate:down\n-- forgot the downgrade\n");

        VerificationReport report = verify();

        assertThat(report.revisions()).extracting(RevisionReport::id).containsExactly("001", "002", "003");
        assertThat(result(report, "002", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result(report, "003", Check.DOWNGRADE_RESTORES_SCHEMA).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void dbmate_table_exists_before_the_first_migration_that_grants_on_it() throws Exception {
        write("20200101000000_setup.sql", """
                -- migrate:up
                create table a (id int);
                grant select on schema_migrations to public;
                -- migrate:down
                """);
        MigrationSource source = open();

        source.upgrade(source.revisions().get(0), db.connection());

        assertThat(strings("select version from schema_migrations")).containsExactly("20200101000000");
    }

    @Test
    void goose_statement_blocks_and_no_transaction_run_as_goose_runs_them() throws Exception {
        write("1_t.sql", "-- +goose Up\ncreate table t (id int);\n-- +goose Down\ndrop table t;\n");
        write("2_fn.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                -- +goose StatementBegin
                create function f() returns int language plpgsql as $$ begin return 1; end $$
                -- +goose StatementEnd
                create index concurrently t_id on t (id);
                -- +goose Down
                drop index concurrently t_id;
                drop function f();
                """);
        MigrationSource source = open();
        Connection connection = db.connection();
        source.upgrade(source.revisions().get(0), connection);

        StepResult up = source.upgrade(source.revisions().get(1), connection);

        assertThat(up.transactional()).isFalse();
        assertThat(up.statements()).isEqualTo(2);
        assertThat(strings("select f()::text")).containsExactly("1");
        assertThat(db.probe().indexes()).contains("t_id");
        assertThat(strings("select version_id::text from goose_db_version order by id")).containsExactly("0", "1", "2");
        source.downgrade(source.revisions().get(1), connection);
        assertThat(strings("select version_id::text from goose_db_version order by id")).containsExactly("0", "1");
    }

    @Test
    void goose_envsub_substitutes_the_environment_where_it_is_on() throws Exception {
        write("1_notes.sql", """
                -- +goose Up
                -- +goose ENVSUB ON
                create table ${MIGRATIONTEST_TEST_UNSET:-app}_notes (id int, path text, price text);
                insert into app_notes values (1, '${PATH}', '$$5');
                -- +goose ENVSUB OFF
                insert into app_notes values (2, '${PATH}', '$1');
                -- +goose Down
                -- +goose envsub on
                drop table ${MIGRATIONTEST_TEST_UNSET-app}_notes;
                """);
        MigrationSource source = open();
        Connection connection = db.connection();

        source.upgrade(source.revisions().get(0), connection);

        assertThat(strings("select path || ' ' || price from app_notes order by id"))
                .containsExactly(System.getenv("PATH") + " $$5", "${PATH} $1");
        source.downgrade(source.revisions().get(0), connection);
        assertThat(db.probe().tables()).doesNotContain("app_notes");
    }

    @Test
    void goose_envsub_warns_of_a_variable_not_set_and_fails_a_required_one() {
        write("1_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\ncreate table t (id int); -- for ${MIGRATIONTEST_TEST_UNSET}\n");
        write("2_b.sql", "-- +goose Up\n-- +goose ENVSUB ON\n\ncreate table ${MIGRATIONTEST_TEST_UNSET:?the table's prefix} (id int);\n");

        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());

        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::file)
                .contains(tuple(HistoryFinding.Severity.WARNING, dir.resolve("1_a.sql") + ":3"),
                        tuple(HistoryFinding.Severity.ERROR, dir.resolve("2_b.sql") + ":4"));
        // At the line, with the line as it runs: the statement fails there with a syntax error that does not say why.
        assertThat(source.findings()).filteredOn(f -> f.kind() == HistoryFinding.Kind.UNDEFINED_PLACEHOLDER && !f.isError())
                .singleElement().asString().contains("so line 3 runs as \"create table t (id int); -- for\"");
        assertThat(source.findings()).filteredOn(HistoryFinding::isError).singleElement().asString()
                .contains("${MIGRATIONTEST_TEST_UNSET} is not set: the table's prefix");
    }

    @Test
    void popx_autocommit_runs_outside_a_transaction_and_diesel_records_the_dash_less_version() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        write("2_i.postgres.autocommit.up.sql", "create index concurrently t_id on t (id);");
        write("2_i.postgres.autocommit.down.sql", "drop index concurrently t_id;");
        MigrationSource popx = open();
        popx.upgrade(popx.revisions().get(0), db.connection());

        StepResult up = popx.upgrade(popx.revisions().get(1), db.connection());

        assertThat(up.transactional()).isFalse();
        assertThat(strings("select version from schema_migration order by 1")).containsExactly("1", "2");

        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
        write("2020-01-02-030405_a/up.sql", "create table d (id int);");
        write("2020-01-02-030405_a/down.sql", "drop table d;");
        MigrationSource diesel = open();
        diesel.upgrade(diesel.revisions().get(0), db.connection());
        assertThat(strings("select version from __diesel_schema_migrations")).containsExactly("20200102030405");
    }
    /** The second revision's upgrade fails as its tool fails it: in the transaction the tool runs it in. */
    private void assertRefusedInTransaction(String optOut) throws SQLException {
        MigrationSource source = open();
        Connection connection = db.connection();
        source.upgrade(source.revisions().get(0), connection);

        assertThatThrownBy(() -> source.upgrade(source.revisions().get(1), connection))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.failure().sqlState()).isEqualTo("25001");
                    assertThat(e.failure().message()).contains("cannot run inside a transaction block");
                    assertThat(e.failure().hint()).contains(optOut).contains("fails in production too");
                });
        assertThat(db.probe().indexes()).doesNotContain("t_id");
    }

    @Test
    void diesel_runs_a_concurrent_index_in_a_transaction_unless_its_metadata_says_otherwise() throws Exception {
        write("2020-01-01-000000_t/up.sql", "create table t (id int);");
        write("2020-01-01-000000_t/down.sql", "drop table t;");
        write("2020-01-02-000000_i/up.sql", "create index concurrently t_id on t (id);");
        write("2020-01-02-000000_i/down.sql", "drop index concurrently t_id;");

        assertRefusedInTransaction("run_in_transaction = false");
        CheckResult refused = result(verify(), "2020-01-02-000000", Check.UPGRADES_APPLY);
        assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(refused.fix()).startsWith("Give this statement a migration of its own that runs outside a transaction"
                + " (see the hint)");

        write("2020-01-02-000000_i/metadata.toml", "run_in_transaction = false\n");
        MigrationSource marked = open();
        StepResult up = marked.upgrade(marked.revisions().get(1), db.connection());
        assertThat(up.transactional()).isFalse();
        assertThat(db.probe().indexes()).contains("t_id");
    }

    @Test
    void goose_and_dbmate_run_a_concurrent_index_in_a_transaction_unless_the_file_says_otherwise() throws Exception {
        write("1_t.sql", "-- +goose Up\ncreate table t (id int);\n-- +goose Down\ndrop table t;\n");
        write("2_i.sql", "-- +goose Up\ncreate index concurrently t_id on t (id);\n-- +goose Down\ndrop index t_id;\n");
        assertRefusedInTransaction("-- +goose NO TRANSACTION");

        try (Statement drop = db.connection().createStatement()) {
            drop.execute("drop table t; drop table goose_db_version");
        }
        Files.delete(dir.resolve("1_t.sql"));
        Files.delete(dir.resolve("2_i.sql"));
        write("1_t.sql", "-- migrate:up\ncreate table t (id int);\n-- migrate:down\ndrop table t;\n");
        write("2_i.sql", "-- migrate:up\ncreate index concurrently t_id on t (id);\n-- migrate:down\ndrop index t_id;\n");
        assertRefusedInTransaction("transaction:false");
    }

    @Test
    void diesel_sends_a_migration_outside_a_transaction_as_one_query_and_reads_metadata_as_diesel_does() throws Exception {
        write("2020-01-01-000000_t/up.sql", "create table t (id int, v int);");
        write("2020-01-01-000000_t/down.sql", "drop table t;");
        write("2020-01-02-000000_i/up.sql", "create index concurrently t_id on t (id);\ncreate index concurrently t_v on t (v);");
        write("2020-01-02-000000_i/down.sql", "drop index t_id;\ndrop index t_v;");
        write("2020-01-02-000000_i/metadata.toml", "run_in_transaction=false\n");
        assertRefusedInTransaction("diesel sends a migration that runs outside a transaction as one query");

        // A metadata.toml without the key is diesel's `false` (serde's default for the bool), a lone statement then
        // runs outside any transaction; a folder named by its version alone is a migration.
        Files.delete(dir.resolve("2020-01-02-000000_i/up.sql"));
        write("2020-01-02-000000_i/up.sql", "create index concurrently t_id on t (id);");
        write("2020-01-02-000000_i/metadata.toml", "# nothing to say\n");
        write("20200103000000/up.sql", "alter table t add column w int;");
        write("20200103000000/down.sql", "alter table t drop column w;");
        MigrationSource source = open();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("2020-01-01-000000", "2020-01-02-000000",
                "20200103000000");
        StepResult up = source.upgrade(source.revisions().get(1), db.connection());
        assertThat(up.transactional()).isFalse();
        assertThat(db.probe().indexes()).contains("t_id");
    }

    @Test
    void a_last_statement_left_open_is_reported_without_the_bookkeeping_sent_after_it() throws Exception {
        write("1_f.up.sql", "create function f() returns int language plpgsql as $$ begin return 1; end;\n");
        write("1_f.down.sql", "drop function f();");
        MigrationSource source = open();

        assertThatThrownBy(() -> source.upgrade(source.revisions().get(0), db.connection()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.failure().message())
                        .isEqualTo("unterminated dollar-quoted string at or near \"$$ begin return 1; end;\""));
    }

    @Test
    void popx_sends_an_autocommit_migration_as_one_query() throws Exception {
        write("1_t.up.sql", "create table t (id int, v int);");
        write("1_t.down.sql", "drop table t;");
        write("2_i.postgres.autocommit.up.sql", "create index concurrently t_id on t (id);\ncreate index concurrently t_v on t (v);");
        write("2_i.postgres.autocommit.down.sql", "drop index concurrently t_id;");
        assertRefusedInTransaction("popx sends an .autocommit migration as one query");
    }

    @Test
    void golang_migrate_runs_a_lone_concurrent_index_as_it_comes_since_its_statements_decide() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        write("2_i.up.sql", "create index concurrently t_id on t (id);");
        write("2_i.down.sql", "drop index concurrently t_id;");
        MigrationSource source = open();
        source.upgrade(source.revisions().get(0), db.connection());

        StepResult up = source.upgrade(source.revisions().get(1), db.connection());

        assertThat(up.transactional()).isFalse();
        assertThat(db.probe().indexes()).contains("t_id");
    }

    /**
     * sqlx sends a file as one query ({@code conn.execute(migration.sql)}), also under {@code -- no-transaction}, which
     * leaves out only sqlx's own BEGIN: Postgres runs a query of several statements as one transaction.
     */
    @Test
    void a_sqlx_no_transaction_file_runs_as_the_one_query_sqlx_sends() throws SQLException {
        write("20230101000000_init.sql", "create table t (id int);");
        write("20230102000000_half.sql", "-- no-transaction\ncreate table kept (id int);\nselect 1/0;");
        write("20230103000000_index.sql", "-- no-transaction\ncreate index concurrently t_id on t (id);");
        MigrationSource source = open();
        Connection connection = db.connection();

        source.upgrade(source.revisions().get(0), connection);
        assertThatThrownBy(() -> source.upgrade(source.revisions().get(1), connection))
                .isInstanceOf(MigrationFailedException.class).hasMessageContaining("division by zero");
        assertThat(strings("select relname from pg_class where relname in ('t', 'kept') order by 1"))
                .as("the query's implicit transaction is rolled back whole").containsExactly("t");

        StepResult lone = source.upgrade(source.revisions().get(2), connection);
        assertThat(lone.transactional()).as("a lone statement runs outside any").isFalse();
        assertThat(db.probe().indexes()).contains("t_id");
    }

    /**
     * Without {@code -- no-transaction} sqlx runs a simple migration in a transaction of its own ({@code
     * self.begin()}, then the file), whatever its statements: a lone {@code CREATE INDEX CONCURRENTLY} fails there, in
     * production as here (it passed here, read as golang-migrate's file, whose statements decide). Found on atuin's
     * server history ({@code 20220426080938_history-index.sql}).
     */
    @Test
    void a_sqlx_simple_migration_runs_a_concurrent_index_in_a_transaction_unless_it_says_no_transaction()
            throws SQLException {
        write("20230101000000_init.sql", "create table t (id int);");
        write("20230102000000_index.sql", "create index concurrently t_id on t (id);");
        assertRefusedInTransaction("-- no-transaction");
    }

    /**
     * A history of simple migrations is sqlx's alone: sqlx keeps {@code _sqlx_migrations} and never makes
     * golang-migrate's {@code schema_migrations}, so a migration may create a table of that name, and the snapshots
     * compare it like any other (it was made here first, and the migration failed: "already exists").
     */
    @Test
    void a_sqlx_history_keeps_sqlx_s_table_alone_and_a_schema_migrations_table_is_the_user_s() throws Exception {
        write("20230101000000_users.sql", "create table users (id int primary key);");
        write("20230102000000_mine.sql", "create table schema_migrations (id int primary key, note text);");
        MigrationSource source = open();

        for (Revision revision : source.revisions()) {
            source.upgrade(revision, db.connection());
        }

        assertThat(strings("select version from _sqlx_migrations order by version"))
                .containsExactly("20230101000000", "20230102000000");
        assertThat(strings("select string_agg(attname, ',' order by attnum) from pg_attribute"
                + " where attrelid = 'schema_migrations'::regclass and attnum > 0")).containsExactly("id,note");
        assertThat(source.userTables()).contains("schema_migrations").doesNotContain("_sqlx_migrations");

        // Up/down pairs may be golang-migrate's as well: both tools' tables are kept, and neither is the user's.
        write("20230103000000_pair.up.sql", "select 1;");
        write("20230103000000_pair.down.sql", "select 1;");
        Files.delete(dir.resolve("20230101000000_users.sql"));
        Files.delete(dir.resolve("20230102000000_mine.sql"));
        assertThat(open().userTables()).isEmpty();
    }

    @Test
    void a_concurrent_index_beside_other_statements_fails_where_the_tool_sends_them_as_one_query() throws Exception {
        write("20230101000000_init.sql", "create table t (id int);");
        write("20230102000000_index.sql", "-- no-transaction\ncreate index concurrently t_id on t (id);\nselect 1;");
        assertRefusedInTransaction("sqlx sends a '-- no-transaction' file as one query");

        try (Statement drop = db.connection().createStatement()) {
            drop.execute("drop table t; drop table _sqlx_migrations"); // a sqlx history keeps no schema_migrations
        }
        Files.delete(dir.resolve("20230101000000_init.sql"));
        Files.delete(dir.resolve("20230102000000_index.sql"));
        write("1_t.sql", "-- migrate:up\ncreate table t (id int);\n-- migrate:down\ndrop table t;\n");
        write("2_i.sql", "-- migrate:up transaction:false\ncreate index concurrently t_id on t (id);\nselect 1;\n"
                + "-- migrate:down\ndrop index t_id;\n");
        assertRefusedInTransaction("dbmate sends a section as one query");
    }
}
