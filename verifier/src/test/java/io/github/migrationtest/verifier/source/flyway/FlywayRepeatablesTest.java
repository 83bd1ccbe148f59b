package io.github.migrationtest.verifier.source.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeatable ({@code R__}) migrations and SQL callbacks beside {@code V} and {@code U} scripts: a
 * repeatable view over a table the last version creates, a repeatable that replaces a function of
 * the first version, and an {@code afterMigrate} callback that inserts and grants.
 */
class FlywayRepeatablesTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @TempDir
    Path location;

    private void write(String file, String sql) throws Exception {
        Files.writeString(location.resolve(file), sql + "\n");
    }

    @BeforeEach
    void writeLocation() throws Exception {
        write("V1__users.sql", "create table users (id int primary key, name text);\n"
                + "create table deploys (note text);\n"
                + "create function label(u users) returns text language sql as $$ select u.name $$;");
        write("U1__users.sql", "drop function label(users);\ndrop table deploys;\ndrop table users;");
        write("V2__orders.sql", "create table orders (id int primary key, user_id int references users);\n"
                + "create index orders_user on orders (user_id);");
        write("U2__orders.sql", "drop table orders;");
        write("R__order_view.sql", "create or replace view order_users as\n"
                + "select o.id, u.name from orders o join users u on u.id = o.user_id;");
        write("R__label.sql", "create or replace function label(u users) returns text language sql as $$ select upper(u.name) $$;");
        write("afterMigrate.sql", "insert into deploys values ('${flyway:table}');\n"
                + "grant select on all tables in schema public to public;");
    }

    private List<String> history() throws Exception {
        return db.probe().strings("select coalesce(version, 'R') || ':' || script from flyway_schema_history"
                + " where type <> 'SCHEMA' order by installed_rank");
    }

    private String label() throws Exception {
        return db.probe().value("select prosrc from pg_proc where proname = 'label'").strip();
    }

    @Test
    void a_view_over_a_function_over_a_view_is_removed_view_function_view() throws Exception {
        write("R__order_view.sql", "create or replace view order_users as\n"
                + "select o.id, u.name from orders o join users u on u.id = o.user_id;\n"
                + "create or replace function named(n text) returns setof order_users language sql as\n"
                + "$$ select * from order_users where name = n $$;\n"
                + "create or replace view named_a as select * from named('a');");
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());

        source.downgrade(source.revisions().get(1), db.connection());

        assertThat(db.probe().tables()).containsExactlyInAnyOrder("deploys", "flyway_schema_history", "users");
        assertThat(db.probe().strings("select proname from pg_proc where proname = 'named'")).isEmpty();
    }

    @Test
    void a_failing_statement_of_the_generated_removal_is_said_to_be_the_verifier_s_not_the_history_s() throws Exception {
        // A repeatable makes a number column text; a row that is no number makes the generated way back fail.
        write("V2__orders.sql", "create table orders (id int primary key, user_id int references users, note int);");
        write("R__widen.sql", "alter table orders alter column note type text;");
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        try (Statement statement = db.connection().createStatement()) {
            statement.execute("insert into users values (1, 'a'); insert into orders values (1, 1, 'soon')");
        }

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.file()).isEqualTo("undo of the repeatable migrations");
        assertThat(failure.message()).contains("invalid input syntax for type integer");
        assertThat(failure.fix()).startsWith("This SQL is the verifier's own, not the history's");
    }

    @Test
    void repeatables_wait_for_the_head_and_run_after_its_version_as_a_migrate_of_the_whole_history_runs_them()
            throws Exception {
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "2");

        source.upgrade(source.revisions().get(0), db.connection());
        assertThat(db.probe().tables()).containsExactly("deploys", "flyway_schema_history", "users");
        assertThat(label()).isEqualTo("select u.name");
        assertThat(history()).containsExactly("1:V1__users.sql");

        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().tables()).containsExactlyInAnyOrder("deploys", "flyway_schema_history", "order_users", "orders",
                "users");
        assertThat(label()).isEqualTo("select upper(u.name)");
        assertThat(history()).containsExactly("1:V1__users.sql", "2:V2__orders.sql", "R:R__label.sql",
                "R:R__order_view.sql");
    }

    @Test
    void the_heads_downgrade_takes_the_repeatables_away_before_its_u_script_and_its_next_upgrade_applies_them_again()
            throws Exception {
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        Revision head = source.revisions().get(1);
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(head, db.connection());

        source.downgrade(head, db.connection());
        assertThat(db.probe().tables()).containsExactly("deploys", "flyway_schema_history", "users");
        assertThat(label()).as("the first version's function, as the repeatable found it").isEqualTo("select u.name");
        assertThat(history()).containsExactly("1:V1__users.sql");

        source.upgrade(head, db.connection());
        assertThat(db.probe().tables()).containsExactlyInAnyOrder("deploys", "flyway_schema_history", "order_users", "orders",
                "users");
        assertThat(label()).isEqualTo("select upper(u.name)");
        assertThat(history()).containsExactly("1:V1__users.sql", "2:V2__orders.sql", "R:R__label.sql",
                "R:R__order_view.sql");
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void an_after_migrate_callback_runs_after_every_upgrade_step_as_flyway_runs_it() throws Exception {
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());

        assertThat(db.probe().strings("select note from deploys"))
                .containsExactly("flyway_schema_history", "flyway_schema_history");
        assertThat(db.probe().value("select has_table_privilege('public', 'order_users', 'select')::text"))
                .as("after the repeatables, as Flyway orders them").isEqualTo("true");
    }

    @Test
    void a_failing_repeatable_is_reported_at_its_own_file_and_line() throws Exception {
        write("R__order_view.sql", "-- all orders\ncreate or replace view order_users as select * from ordres;");
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).startsWith(location.resolve("R__order_view.sql").toRealPath() + ":2:");
        assertThat(failure.message()).isEqualTo("relation \"ordres\" does not exist");
    }

    @Test
    void a_repeatable_that_needs_what_a_later_repeatable_makes_is_told_the_order_not_to_fix_the_statement()
            throws Exception {
        // RobWagMLP/mlp-backend: R__get_user.sql starts with select sp_drop_function('sp_get_user'), which
        // R__sp_drop_function.sql makes; Flyway runs repeatables by description, "get user" first, so on a new database
        // the call fails. The statement was told to be fixed.
        write("R__get_user.sql", "select sp_drop_function('sp_get_user');\n"
                + "create or replace function sp_get_user(n text) returns text language sql as $$ select n $$;");
        write("R__sp_drop_function.sql", "create or replace function sp_drop_function(v_name varchar) returns void"
                + " language plpgsql as $$ begin raise notice '%', v_name; end $$;");
        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).startsWith(location.resolve("R__get_user.sql").toRealPath() + ":1:");
        assertThat(failure.hint()).endsWith("sp_drop_function is made by R__sp_drop_function.sql, a repeatable migration"
                + " Flyway runs after R__get_user.sql: Flyway runs repeatable migrations in the order of their descriptions"
                + " (\"get user\" before \"sp drop function\"), so on a new database sp_drop_function does not exist yet");
        assertThat(failure.fix()).isEqualTo("Make sp_drop_function before R__get_user.sql runs: give"
                + " R__sp_drop_function.sql a description that sorts first (R__00_...), or create sp_drop_function in a"
                + " versioned migration");
    }

    @Test
    void a_verification_of_the_location_passes_every_check() {
        VerificationReport report = verify();

        assertThat(report.results().filter(result -> result.outcome() != Outcome.PASSED))
                .extracting(CheckResult::reason).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void taking_the_repeatables_away_is_the_tools_sql_and_no_safety_finding_of_the_heads_downgrade() throws Exception {
        // The removal drops this index on an existing table (an ACCESS EXCLUSIVE lock without lock_timeout): it
        // was measured and reported as the user's, under a file that does not exist.
        write("R__indexes.sql", "create index if not exists users_name on users (name);");

        VerificationReport report = verify();

        assertThat(report.passed()).isTrue();
        assertThat(report.revision("2").orElseThrow().safety())
                .filteredOn(finding -> finding.direction() == Direction.DOWN)
                .as("the head's downgrade measures its U script only").isNotEmpty()
                .extracting(SafetyFinding::file).allMatch(file -> file.endsWith("U2__orders.sql"));
    }

    @Test
    void a_u_script_that_leaves_an_index_behind_is_still_caught_at_the_head_and_only_for_that_index() throws Exception {
        write("U2__orders.sql", "drop index orders_user;\nalter table orders drop constraint orders_user_id_fkey;"
                + "\ndrop table orders;\ncreate index users_name on users (name);");

        CheckResult down = verify().revision("2").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.differences()).extracting(ReportedDifference::description)
                .containsExactly("public.users_name: unexpected index: CREATE INDEX users_name ON public.users USING btree (name)");
    }

    @Test
    void a_callback_that_changes_the_schema_is_named_in_the_fix_beside_the_u_script() throws Exception {
        // afterMigrate runs with every upgrade step and no U script undoes it: the round trip sees its change.
        write("afterMigrate.sql", "comment on schema public is 'migrated';");

        CheckResult down = verify().revision("1").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.fix()).endsWith("or declare revision 1 irreversible; what " + location.resolve("afterMigrate.sql")
                + " changes (run with every upgrade) is no downgrade's to undo: leave it out with --ignore");
    }

    private VerificationReport verify() {
        return new Verifier(MigrationSources.open(location, SourceOptions.defaults()), VerifierOptions.defaults())
                .verify(PostgresServer.shared());
    }
}
