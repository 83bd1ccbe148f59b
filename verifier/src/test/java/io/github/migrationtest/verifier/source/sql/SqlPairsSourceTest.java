package io.github.migrationtest.verifier.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqlPairsSourceTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private void write(String relative, String content) {
        new HistoryDir(dir).write(relative, content);
    }

    private MigrationSource open() {
        return open(SourceOptions.defaults());
    }

    private MigrationSource open(SourceOptions options) {
        MigrationSource source = MigrationSources.open(dir, options);
        assertThat(source.findings()).isEmpty();
        return source;
    }

    /** The tables the migrations made, without the tool's bookkeeping table that the source keeps. */
    private List<String> tables() throws java.sql.SQLException {
        return db.probe().tables().stream().filter(t -> !SnapshotOptions.BOOKKEEPING_TABLES.contains(t)).toList();
    }

    private Revision only(MigrationSource source) {
        assertThat(source.revisions()).hasSize(1);
        return source.revisions().get(0);
    }

    @Test
    void up_and_down_change_the_schema() throws Exception {
        write("1_users.up.sql", "create table users (id int primary key);\ncreate index users_id on users (id);\n");
        write("1_users.down.sql", "drop table users;\n");
        write("2_email.up.sql", "alter table users add column email text;\n");
        write("2_email.down.sql", "alter table users drop column email;\n");
        MigrationSource source = open();
        Revision first = source.revisions().get(0);
        Revision second = source.revisions().get(1);

        StepResult up = source.upgrade(first, db.connection());
        source.upgrade(second, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "email");
        assertThat(up.transactional()).isTrue();
        assertThat(up.statements()).isEqualTo(2);
        assertThat(up.direction()).isEqualTo(Direction.UP);

        source.downgrade(second, db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id");
        source.downgrade(first, db.connection());
        assertThat(tables()).isEmpty();
    }

    @Test
    void the_datasource_variant_uses_a_connection_of_its_own() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        MigrationSource source = open();

        source.upgrade(only(source), db.dataSource());

        assertThat(tables()).containsExactly("t");
    }

    @Test
    void a_failing_statement_points_at_its_line_and_column_and_nothing_is_left_behind() throws Exception {
        write("1_broken.up.sql", """
                create table a (id int);

                -- the next statement has a typo in a type name
                create table b (
                    id int,
                    name textt
                );
                """);
        write("1_broken.down.sql", "drop table b; drop table a;");
        MigrationSource source = open();

        MigrationFailedException error = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection()));

        MigrationFailure failure = error.failure();
        assertThat(failure.location()).isEqualTo(dir.resolve("1_broken.up.sql") + ":6:10");
        assertThat(failure.message()).isEqualTo("type \"textt\" does not exist");
        assertThat(failure.sqlState()).isEqualTo("42704");
        assertThat(failure.statement()).startsWith("create table b (");
        assertThat(error.getMessage()).startsWith("upgrade of revision 1 (broken) failed at " + dir.resolve("1_broken.up.sql") + ":6:10");
        assertThat(tables()).as("the revision ran in one transaction").isEmpty();
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void an_unfinished_last_statement_points_at_its_end_not_at_its_start() throws Exception {
        // The last statement goes to the server with the step's bookkeeping after a new line, and Postgres places
        // "at end of input" past that new line: the position is still the statement's own end.
        write("1_unfinished.up.sql", "create table a (id int);\ncreate table b\n");
        write("1_unfinished.down.sql", "drop table a;");
        MigrationSource source = open();

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection())).failure();

        assertThat(failure.message()).isEqualTo("syntax error at end of input");
        assertThat(failure.location()).isEqualTo(dir.resolve("1_unfinished.up.sql") + ":2:15");
    }

    @Test
    void a_failure_without_a_position_points_at_the_statement_start_with_detail_and_hint() throws Exception {
        write("1_dup.up.sql", "create table t (id int primary key);\ninsert into t values (1);\n  insert into t values (1);\n");
        write("1_dup.down.sql", "drop table t;");
        MigrationSource source = open();

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection())).failure();

        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.column()).isEqualTo(3);
        assertThat(failure.message()).contains("duplicate key value violates unique constraint")
                .isEqualTo("duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(failure.location()).isEqualTo(dir.resolve("1_dup.up.sql") + ":3:3");
        assertThat(failure.detail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(failure.toString()).contains("DETAIL: Key (id)=(1) already exists.");
    }

    @Test
    void concurrently_runs_outside_a_transaction_and_says_so() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        write("2_idx.up.sql", "-- built without locking writes\ncreate index concurrently t_id on t (id);");
        write("2_idx.down.sql", "drop index concurrently t_id;");
        MigrationSource source = open();
        source.upgrade(source.revisions().get(0), db.connection());

        StepResult up = source.upgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().indexes()).contains("t_id");
        StepResult down = source.downgrade(source.revisions().get(1), db.connection());

        assertThat(up.transactional()).isFalse();
        assertThat(up.nonTransactionalReason()).isEqualTo(dir.resolve("2_idx.up.sql") + ":2: CREATE INDEX CONCURRENTLY cannot run inside a transaction");
        assertThat(down.transactional()).isFalse();
        assertThat(db.probe().indexes()).doesNotContain("t_id");
    }

    @Test
    void statement_timeout_stops_a_hanging_statement_and_is_put_back_afterwards() throws Exception {
        write("1_slow.up.sql", "select pg_sleep(30);");
        write("1_slow.down.sql", "select 1;");
        MigrationSource source = open(SourceOptions.defaults().withStatementTimeout(Duration.ofMillis(200))
                .withLockTimeout(Duration.ofSeconds(1)));
        long started = System.nanoTime();

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection())).failure();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure.sqlState()).isEqualTo("57014");
        assertThat(failure.message()).contains("statement timeout").isEqualTo("canceling statement due to statement timeout");
        assertThat(db.probe().value("SHOW statement_timeout")).isEqualTo("0");
        assertThat(db.probe().value("SHOW lock_timeout")).isEqualTo("0");
    }

    @Test
    void a_failure_inside_the_scripts_own_transaction_is_reported_and_that_transaction_ended() throws Exception {
        write("1_own.up.sql", "begin;\ncreate table t (id int);\ncreate table u (id integr);\ncommit;\n");
        write("1_own.down.sql", "drop table u; drop table t;");
        MigrationSource source = open(SourceOptions.defaults().withLockTimeout(Duration.ofSeconds(5)));

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection())).failure();

        assertThat(failure.message()).isEqualTo("type \"integr\" does not exist");
        assertThat(failure.location()).isEqualTo(dir.resolve("1_own.up.sql") + ":3:20");
        assertThat(tables()).as("the script's transaction was rolled back, the connection is usable").isEmpty();
        assertThat(db.probe().value("SHOW lock_timeout")).isEqualTo("0");
    }

    @Test
    void the_timeouts_hold_during_the_step_and_the_sessions_own_values_come_back() throws Exception {
        write("1_t.up.sql", "create table seen as select current_setting('lock_timeout') as lock_timeout,"
                + " current_setting('statement_timeout') as statement_timeout;");
        write("1_t.down.sql", "drop table seen;");
        MigrationSource source = open(SourceOptions.defaults().withLockTimeout(Duration.ofMillis(1500))
                .withStatementTimeout(Duration.ofMinutes(2)));
        db.connection().createStatement().execute("set lock_timeout = '7s'; set statement_timeout = '9min'");

        source.upgrade(only(source), db.connection());

        assertThat(db.probe().strings("select lock_timeout || ' ' || statement_timeout from seen")).containsExactly("1500ms 2min");
        assertThat(db.probe().value("SHOW lock_timeout")).isEqualTo("7s");
        assertThat(db.probe().value("SHOW statement_timeout")).isEqualTo("9min");
    }

    @Test
    void tricky_sql_runs_as_written() throws Exception {
        write("1_tricky.up.sql", """
                create table notes (id int, body text);
                /* a comment /* nested; */ with 'quotes' */
                create function note_count() returns bigint language plpgsql as $fn$
                begin
                  -- a semicolon; in the body
                  return (select count(*) from notes where body <> ';');
                end $fn$;
                insert into notes values (1, E'it\\'s; escaped'), (2, 'it''s; doubled'), (3, $$dollar; 'quoted'$$);
                COPY notes (id, body) FROM stdin;
                4\tcopied; data
                5\tmore 'data'
                \\.
                """);
        write("1_tricky.down.sql", "drop function note_count(); drop table notes;");
        MigrationSource source = open();

        StepResult result = source.upgrade(only(source), db.connection());

        assertThat(result.statements()).isEqualTo(4);
        assertThat(db.probe().strings("select body from notes order by id")).containsExactly(
                "it's; escaped", "it's; doubled", "dollar; 'quoted'", "copied; data", "more 'data'");
        assertThat(db.probe().value("select note_count()")).isEqualTo("5");
    }

    @Test
    void a_bad_copy_row_points_at_that_row() throws Exception {
        write("1_copy.up.sql", "create table n (id int);\nCOPY n FROM stdin;\n1\n2\nthree\n\\.\n");
        write("1_copy.down.sql", "drop table n;");
        MigrationSource source = open();

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(only(source), db.connection())).failure();

        assertThat(failure.line()).isEqualTo(5);
        assertThat(failure.message()).contains("invalid input syntax for type integer");
        assertThat(failure.location()).isEqualTo(dir.resolve("1_copy.up.sql") + ":5:1");
        assertThat(failure.message()).isEqualTo("invalid input syntax for type integer: \"three\"");
        assertThat(tables()).as("the COPY ran in the revision's transaction").isEmpty();
    }

    @Test
    void dbmate_sections_run_and_transaction_false_is_honoured() throws Exception {
        write("20240101000000_t.sql", """
                -- migrate:up transaction:false
                create table t (id int);

                -- migrate:down
                drop table t;
                """);
        MigrationSource source = open();
        Revision revision = only(source);

        StepResult up = source.upgrade(revision, db.connection());
        assertThat(tables()).containsExactly("t");
        StepResult down = source.downgrade(revision, db.connection());

        assertThat(up.transactional()).isFalse();
        assertThat(up.nonTransactionalReason()).contains("transaction:false")
                .isEqualTo(dir.resolve("20240101000000_t.sql") + " asks for transaction:false");
        assertThat(down.transactional()).isTrue();
        assertThat(tables()).isEmpty();
    }

    @Test
    void a_byte_order_mark_is_not_sent_to_postgres_where_flyway_skips_it() throws Exception {
        Files.write(dir.resolve("V1__t.sql"), "\uFEFFcreate table t (id int);".getBytes(StandardCharsets.UTF_8));
        write("U1__t.sql", "\uFEFFdrop table t;");
        MigrationSource source = open(SourceOptions.defaults().withType(io.github.migrationtest.verifier.source.SourceType.SQL));

        source.upgrade(only(source), db.connection());
        assertThat(tables()).containsExactly("t");
        source.downgrade(only(source), db.connection());
        assertThat(tables()).isEmpty();
    }

    @Test
    void flyway_named_scripts_run_directly() throws Exception {
        write("V1__users.sql", "create table users (id int);");
        write("U1__users.sql", "drop table users;");
        MigrationSource source = open(SourceOptions.defaults().withType(io.github.migrationtest.verifier.source.SourceType.SQL));

        source.upgrade(only(source), db.connection());
        assertThat(tables()).containsExactly("users");
        source.downgrade(only(source), db.connection());
        assertThat(tables()).isEmpty();
    }

    @Test
    void downgrading_a_revision_without_a_down_file_runs_no_sql_as_golang_migrate_does() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults());
        Revision revision = only(source);
        source.upgrade(revision, db.connection());

        assertThat(revision.hasDowngrade()).isTrue();
        assertThat(source.downgrade(revision, db.connection()).statements()).isZero();
        assertThat(tables()).containsExactly("t");
    }

    @Test
    void downgrading_a_revision_of_a_pattern_without_a_down_file_fails_with_the_fix() throws Exception {
        write("1-t.apply.sql", "create table t (id int);");
        MigrationSource source = MigrationSources.open(dir, SourceOptions.defaults()
                .withFilePattern("(?<version>\\d+)-(?<name>.+)\\.(?<direction>apply|revert)\\.sql"));
        Revision revision = only(source);
        source.upgrade(revision, db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(revision, db.connection())).failure();

        assertThat(failure.message()).startsWith("revision 1 (t) has no downgrade: no down file: add ");
    }

    @Test
    void a_revision_of_another_history_is_refused() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        MigrationSource source = open();
        Revision stranger = Revision.reversible("1", "t", List.of("elsewhere/1_t.up.sql"));

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(stranger, db.connection())).failure();

        assertThat(failure.toString()).isEqualTo("elsewhere/1_t.up.sql: revision 1 is not part of this history");
        assertThat(tables()).isEmpty();
    }

    @Test
    void lock_timeout_stops_waiting_for_a_lock_another_session_holds() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        write("2_col.up.sql", "alter table t add column name text;");
        write("2_col.down.sql", "alter table t drop column name;");
        MigrationSource source = open(SourceOptions.defaults().withLockTimeout(Duration.ofMillis(200)));
        source.upgrade(source.revisions().get(0), db.connection());

        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("lock table t in access share mode");

            MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

            assertThat(failure.sqlState()).isEqualTo("55P03");
            assertThat(failure.message()).contains("lock timeout").isEqualTo("canceling statement due to lock timeout");
            assertThat(failure.location()).isEqualTo(dir.resolve("2_col.up.sql") + ":1:1");
            other.rollback();
        }
    }

    @Test
    void a_role_dropped_by_a_down_file_is_a_server_wide_change_named_by_file_and_line() throws Exception {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        assertThat(open().serverWideChange()).isEmpty();

        write("2_reader.up.sql", "grant select on t to public;");
        write("2_reader.down.sql", "revoke select on t from public;\ndrop role if exists reader;");

        assertThat(open().serverWideChange()).contains(dir.resolve("2_reader.down.sql") + ":2: DROP ROLE");
    }
}
