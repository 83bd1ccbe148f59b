package io.github.migrationtest.verifier.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.HistoryFinding.Severity;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each tool's files are named, ordered, paired and skipped, read as that tool reads them. */
class SqlConventionsTest {

    @TempDir
    Path dir;

    private void write(String relative, String content) {
        new HistoryDir(dir).write(relative, content);
    }

    private MigrationSource open() {
        return MigrationSources.open(dir, SourceOptions.defaults().withType(SourceType.SQL));
    }

    private SqlHistory history() {
        return SqlHistoryReader.read(dir, dir.toString(), null);
    }

    private String shown(String relative) {
        return new HistoryDir(dir).shown(relative);
    }

    private static List<HistoryFinding> errors(MigrationSource source) {
        return source.findings().stream().filter(HistoryFinding::isError).toList();
    }

    private PlannedRevision plan(String id) {
        return history().revisions().stream().filter(p -> p.revision().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void empty_and_comment_only_files_are_no_op_steps_noted_not_errors() throws IOException {
        write("1_a.up.sql", "create table a (id int);");
        write("1_a.down.sql", "");
        write("2_b.up.sql", "-- nothing to do on Postgres\n");
        write("2_b.down.sql", "  \n");

        MigrationSource source = open();

        assertThat(source.hasErrors()).isFalse();
        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(tuple("1", true), tuple("2", true));
        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::kind, HistoryFinding::message)
                .containsExactly(tuple(Severity.NOTE, Kind.NO_OP_STEP, "3 step(s) run no SQL (an empty file or section is a"
                        + " no-op, as for the tool; the round trip judges it): 1 down, 2 up, 2 down"));
    }

    @Test
    void diesel_orders_dash_less_versions_as_text_and_keeps_the_folder_version_as_the_id() throws IOException {
        for (String folder : List.of("2017-08-31-230457_b", "20170804200817_a", "2026-05-27-120000_c",
                "2026-05-27-120000-0000_d", "00000000000000_diesel_initial_setup")) {
            write(folder + "/up.sql", "select 1;");
            write(folder + "/down.sql", "select 2;");
        }

        MigrationSource source = open();

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("00000000000000", "20170804200817",
                "2017-08-31-230457", "2026-05-27-120000", "2026-05-27-120000-0000");
        assertThat(plan("2017-08-31-230457").recordedVersion()).isEqualTo("20170831230457");
    }

    @Test
    void diesel_lists_files_outside_migration_folders_as_ignored() throws IOException {
        write("2020-01-01-000000_a/up.sql", "select 1;");
        write("2020-01-01-000000_a/down.sql", "select 2;");
        write("README.md", "how to migrate");
        write("stray.sql", "select 3;");
        write(".gitkeep", "");

        MigrationSource source = open();

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("2020-01-01-000000");
        assertThat(source.findings()).extracting(HistoryFinding::severity).containsOnly(Severity.NOTE);
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactlyInAnyOrder(
                shown(".gitkeep") + ": is not a migration file, so it is ignored",
                shown("README.md") + ": is not a migration file, so it is ignored",
                shown("stray.sql") + ": is not in a <version>_<name>/ migration folder, so it is ignored");
    }

    @Test
    void diesel_metadata_can_run_a_migration_outside_a_transaction() throws IOException {
        write("2020-01-01-000000_a/up.sql", "select 1;");
        write("2020-01-01-000000_a/down.sql", "select 2;");
        write("2020-01-01-000000_a/metadata.toml", "run_in_transaction = false\n");
        write("2020-01-02-000000_b/up.sql", "select 1;");
        write("2020-01-02-000000_b/down.sql", "select 2;");
        write("2020-01-02-000000_b/metadata.toml", "run_in_transaction = true\n");

        assertThat(open().findings()).isEmpty();
        assertThat(plan("2020-01-01-000000").up().get(0).outsideTransaction())
                .isEqualTo(shown("2020-01-01-000000_a/metadata.toml") + " says run_in_transaction = false");
        assertThat(plan("2020-01-02-000000").up().get(0).outsideTransaction()).isEmpty();
    }

    @Test
    void popx_takes_the_postgres_file_over_the_unqualified_one_and_ignores_other_databases() throws IOException {
        write("a/1_init.up.sql", "create table t (id int, index t_id (id));");
        write("a/1_init.postgres.up.sql", "create table t (id int);");
        write("a/1_init.mysql.up.sql", "create table t (id int) engine=innodb;");
        write("a/1_init.down.sql", "drop table t;");
        write("a/2_mysql_only.mysql.up.sql", "select 1;");
        write("a/2_mysql_only.mysql.down.sql", "select 1;");
        write("b/0_networks.up.sql", "create table networks (id int);");
        write("b/0_networks.down.sql", "drop table networks;");
        write("a/3_index.postgres.autocommit.up.sql", "create index concurrently t_id on t (id);");
        write("a/3_index.postgres.down.sql", "drop index t_id;");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("0", "1", "3");
        assertThat(source.revision("1").orElseThrow().files())
                .containsExactly(shown("a/1_init.postgres.up.sql"), shown("a/1_init.down.sql"));
        assertThat(plan("3").up().get(0).outsideTransaction()).isEqualTo(shown("a/3_index.postgres.autocommit.up.sql")
                + " is named .autocommit.");
        assertThat(source.findings()).extracting(HistoryFinding::kind).containsExactly(Kind.IGNORED_FILE);
        assertThat(source.findings().get(0).message()).startsWith("3 file(s) for other databases (mysql) are not run on Postgres");
        assertThat(history().convention()).isEqualTo(Convention.POPX);
    }

    @Test
    void two_postgres_files_of_one_version_are_still_duplicates() throws IOException {
        write("1_a.postgres.up.sql", "select 1;");
        write("1_b.postgres.up.sql", "select 2;");
        write("1_a.postgres.down.sql", "select -1;"); // without any down, popx would refuse the history too

        assertThat(errors(open())).extracting(HistoryFinding::kind).containsExactly(Kind.DUPLICATE_VERSION);
    }

    @Test
    void goose_files_are_told_from_dbmate_by_their_annotations_and_ordered_numerically() throws IOException {
        write("10_ten.sql", "-- +goose Up\ncreate table ten (id int);\n-- +goose Down\ndrop table ten;\n");
        write("9_nine.sql", "-- +goose UP\nselect 9;\n"); // the annotation in any case; "+goose" as written
        write("20240101120000_stamp.sql", "-- +goose up\nselect 1;\n-- +goose down\nselect 2;\n");
        write("atlas.sum", "h1:abc=");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(tuple("9", true), tuple("10", true), tuple("20240101120000", true));
        assertThat(history().convention()).isEqualTo(Convention.GOOSE);
        assertThat(source.findings()).extracting(HistoryFinding::kind).containsExactlyInAnyOrder(Kind.IGNORED_FILE, Kind.NO_OP_STEP);
        assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.NO_OP_STEP).singleElement()
                .satisfies(f -> assertThat(f.message()).endsWith(": 9 down"));
    }

    @Test
    void goose_sections_split_at_statement_end_and_no_transaction_is_matched_in_any_case() throws IOException {
        write("1_fn.sql", """
                -- +goose no transaction
                -- +goose Up
                -- +goose StatementBegin
                create function f() returns int language plpgsql as $$ begin return 1; end $$
                -- +goose StatementEnd
                create index concurrently i on t (id);

                -- +goose Down
                drop function f();
                """);

        PlannedRevision plan = plan("1");

        assertThat(plan.up().get(0).parse().statements()).extracting(s -> s.sql().lines().findFirst().orElseThrow())
                .containsExactly("create function f() returns int language plpgsql as $$ begin return 1; end $$",
                        "create index concurrently i on t (id)");
        assertThat(plan.down().get(0).parse().statements()).hasSize(1);
        assertThat(plan.up().get(0).outsideTransaction()).isEqualTo(shown("1_fn.sql") + " has '-- +goose NO TRANSACTION'");
        assertThat(plan.down().get(0).outsideTransaction()).isNotEmpty();
    }

    @Test
    void goose_annotations_are_recognised_exactly_where_goose_recognises_them() throws IOException {
        // goose's extractAnnotation removes every "--" and the first "+goose", then compares the rest, trimmed.
        write("1_a.sql", "---- +goose Up\ncreate table a (id int);\n---- +goose Down\ndrop table a;\n");
        write("2_b.sql", "--+goose up\ncreate table b (id int);\n--+goose down\ndrop table b;\n");
        write("3_c.sql", "-- +goose Up --\n-- +goose  NO  TRANSACTION\ncreate table c (id int);\n-- +goose Down\ndrop table c;\n");

        SqlHistory history = history();

        assertThat(history.convention()).isEqualTo(Convention.GOOSE);
        assertThat(history.revisions()).extracting(plan -> plan.up().get(0).parse().statements().size(),
                plan -> plan.down().get(0).parse().statements().size()).containsExactly(tuple(1, 1), tuple(1, 1), tuple(1, 1));
        // goose refuses "NO  TRANSACTION" (two spaces; older goose took it for a comment): it does not opt out here.
        assertThat(history.revisions().get(2).up().get(0).outsideTransaction()).isEmpty();
        assertThat(history.findings()).extracting(HistoryFinding::severity, HistoryFinding::file)
                .containsExactly(tuple(Severity.WARNING, shown("3_c.sql") + ":2"));
    }

    @Test
    void a_goose_file_whose_up_goose_refuses_is_an_error_not_a_sqlx_migration() throws IOException {
        write("1_a.sql", "--- +goose Up\ncreate table a (id int);\n\n--- +goose Down\ndrop table a;\n");
        write("2_b.sql", "  -- +goose Up\ncreate table b (id int);\n");

        SqlHistory history = history();

        assertThat(history.convention()).isEqualTo(Convention.GOOSE);
        assertThat(history.revisions()).isEmpty();
        assertThat(history.findings()).extracting(HistoryFinding::toString).containsExactly(
                shown("1_a.sql") + ":1: '--- +goose Up' is no annotation goose reads (without its dashes and '+goose' it"
                        + " is '-  Up'), so the file has no '-- +goose Up', which goose refuses (\"failed to parse"
                        + " annotation line\"; older goose: \"must start with '-- +goose Up' annotation\"); write it as"
                        + " goose reads it, at the line's start: '-- +goose Up' (two dashes, a space, +goose, a space, the"
                        + " annotation)",
                shown("2_b.sql") + ":1: '-- +goose Up' is no annotation goose reads (it is indented), so the file has no"
                        + " '-- +goose Up', which goose refuses (\"failed to parse annotation line\"; older goose: \"must"
                        + " start with '-- +goose Up' annotation\"); write it as goose reads it, at the line's start:"
                        + " '-- +goose Up' (two dashes, a space, +goose, a space, the annotation)");
    }

    @Test
    void a_goose_go_migration_is_an_error_naming_the_file() throws IOException {
        write("1_a.sql", "-- +goose Up\nselect 1;\n");
        write("2_b.go", "package migrations");

        MigrationSource source = open();

        assertThat(errors(source)).extracting(HistoryFinding::toString).containsExactly(shown("2_b.go")
                + ": is a goose migration written in Go, which only goose's Go runtime can run; write it as an SQL"
                + " migration; until then the SQL revisions are verified without it, so a later one that relies on it fails");
    }

    @Test
    void a_popx_fizz_migration_that_postgres_would_run_is_an_error_naming_the_file_and_its_sql_name() throws IOException {
        write("1_a.postgres.up.sql", "create table a (id int);");
        write("1_a.postgres.down.sql", "drop table a;");
        write("2_b.up.fizz", "create_table(\"b\") {\n  t.Column(\"id\", \"int\", {primary: true})\n}\n");
        write("2_b.down.fizz", "drop_table(\"b\")\n");

        MigrationSource source = open();

        assertThat(errors(source)).extracting(HistoryFinding::toString).containsExactly(
                shown("2_b.down.fizz") + ": is a migration in fizz, pop's DSL, which only pop/popx translate to SQL;"
                        + " render it to SQL for Postgres beside it (2_b.postgres.down.sql; a .postgres. file replaces the"
                        + " fizz one, as in popx); until then the SQL revisions are verified without it, so a later one"
                        + " that relies on it fails",
                shown("2_b.up.fizz") + ": is a migration in fizz, pop's DSL, which only pop/popx translate to SQL;"
                        + " render it to SQL for Postgres beside it (2_b.postgres.up.sql; a .postgres. file replaces the"
                        + " fizz one, as in popx); until then the SQL revisions are verified without it, so a later one"
                        + " that relies on it fails");
    }

    @Test
    void a_fizz_migration_a_postgres_file_replaces_is_only_listed_and_fizz_alone_says_popx() throws IOException {
        write("1_a.up.sql", "create table a (id int);");
        write("1_a.down.sql", "drop table a;");
        write("2_b.up.fizz", "create_table(\"b\") {}\n");
        write("2_b.postgres.up.sql", "create table b (id int);");
        write("2_b.postgres.down.sql", "drop table b;");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(history().convention()).isEqualTo(Convention.POPX);
        assertThat(source.findings()).extracting(HistoryFinding::toString).anySatisfy(note -> assertThat(note)
                .contains(shown("2_b.up.fizz")).contains("is replaced on Postgres by " + shown("2_b.postgres.up.sql")));
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "2");
    }

    @Test
    void a_folder_of_fizz_migrations_only_names_each_file_rather_than_saying_it_holds_none() throws IOException {
        write("1_a.up.fizz", "create_table(\"a\") {}\n");

        MigrationSource source = open();

        assertThat(errors(source)).extracting(HistoryFinding::kind).containsExactly(Kind.UNSUPPORTED);
        assertThat(errors(source).get(0).toString()).startsWith(shown("1_a.up.fizz") + ": is a migration in fizz")
                .contains("1_a.postgres.up.sql");
    }

    @Test
    void sqlx_simple_migrations_are_upgrades_without_downgrades_and_the_header_runs_one_outside_a_transaction()
            throws IOException {
        write("20230101000000_init_users.sql", "create table users (id int);");
        write("20230102000000_index.sql", "-- no-transaction\ncreate index concurrently users_id on users (id);");
        write("20230103000000_later.sql", "\n-- no-transaction\nselect 1;");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(history().convention()).isEqualTo(Convention.GOLANG_MIGRATE);
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("20230101000000", "init users", false), tuple("20230102000000", "index", false),
                        tuple("20230103000000", "later", false));
        assertThat(source.revisions().get(0).whyNoDowngrade()).contains(shown("20230101000000_init_users.sql")
                + " is a sqlx simple migration, which sqlx cannot revert: to verify a downgrade, make it a reversible"
                + " pair " + shown("20230101000000_init_users.up.sql") + " and .down.sql");
        assertThat(plan("20230101000000").up().get(0).outsideTransaction()).isEmpty();
        assertThat(plan("20230102000000").up().get(0).outsideTransaction())
                .isEqualTo(shown("20230102000000_index.sql") + " starts with '-- no-transaction' (sqlx)");
        // sqlx reads the header in the file's first bytes only.
        assertThat(plan("20230103000000").up().get(0).outsideTransaction()).isEmpty();
    }

    @Test
    void a_sqlx_reversible_pair_with_the_header_runs_outside_a_transaction() throws IOException {
        write("1_a.up.sql", "-- no-transaction\ncreate table a (id int);");
        write("1_a.down.sql", "drop table a;");

        assertThat(errors(open())).isEmpty();
        assertThat(plan("1").up().get(0).outsideTransaction()).isEqualTo(shown("1_a.up.sql")
                + " starts with '-- no-transaction' (sqlx)");
        assertThat(plan("1").down().get(0).outsideTransaction()).isEmpty();
    }

    @Test
    void a_file_without_sections_beside_goose_files_is_still_an_error() throws IOException {
        write("1_a.sql", "-- +goose Up\nselect 1;\n");
        write("2_b.sql", "select 2;");

        assertThat(errors(open())).extracting(HistoryFinding::toString).singleElement().asString()
                .startsWith(shown("2_b.sql") + ": has no '-- +goose Up' and no '-- migrate:up': goose and dbmate require")
                .contains("add '-- +goose Up' above its upgrade"); // the fix of the folder's own tool, not a rename
    }

    @Test
    void a_file_without_sections_beside_dbmate_files_is_told_to_add_dbmates() throws IOException {
        write("1_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect -1;\n");
        write("2_b.sql", "select 2;");

        assertThat(errors(open())).extracting(HistoryFinding::toString).singleElement().asString()
                .contains("add '-- migrate:up' above its upgrade");
    }

    @Test
    void dbmate_files_run_in_file_name_order_where_goose_files_of_the_same_names_run_in_number_order() throws IOException {
        // dbmate's FindMigrations sorts the files by name: 10_b.sql before 1_a.sql and 9_c.sql; 0001 is its own version.
        write("1_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect -1;\n");
        write("10_b.sql", "-- migrate:up\nselect 10;\n-- migrate:down\nselect -10;\n");
        write("9_c.sql", "-- migrate:up\nselect 9;\n-- migrate:down\nselect -9;\n");
        write("0001_d.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect -1;\n");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("0001", "10", "1", "9");

        for (String name : List.of("1_a.sql", "10_b.sql", "9_c.sql")) {
            write(name, "-- +goose Up\nselect 1;\n-- +goose Down\nselect -1;\n");
        }
        Files.delete(dir.resolve("0001_d.sql"));
        assertThat(open().revisions()).extracting(Revision::id).containsExactly("1", "9", "10");
    }

    @Test
    void a_name_starting_with_digits_is_dbmate_s_only_when_the_file_has_dbmate_sections() throws IOException {
        write("20200101-a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect -1;\n");
        write("20200102.sql", "-- migrate:up\nselect 2;\n-- migrate:down\nselect -2;\n");
        write("20200103-notes.sql", "select 3;\n");

        // dbmate runs every .sql file whose name starts with digits, and refuses one without '-- migrate:up'.
        assertThat(errors(open())).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(shown("20200103-notes.sql"));
            assertThat(error.message()).isEqualTo("has no '-- migrate:up' section, and dbmate runs every .sql file"
                    + " whose name starts with digits, so it refuses this one");
        });

        Files.delete(dir.resolve("20200103-notes.sql"));
        assertThat(open().revisions()).extracting(Revision::id).containsExactly("20200101", "20200102");

        // Beside up/down pairs such a name is a stray, as before: only dbmate would run it.
        Files.delete(dir.resolve("20200101-a.sql"));
        Files.delete(dir.resolve("20200102.sql"));
        write("1_a.up.sql", "select 1;");
        write("1_a.down.sql", "select -1;");
        write("2-b.sql", "select 2;");
        assertThat(errors(open())).singleElement().satisfies(error -> assertThat(error.message())
                .isEqualTo("fits no naming convention"));
    }

    @Test
    void two_dbmate_files_of_one_version_are_an_error_as_dbmate_records_the_version_once() throws IOException {
        // The version is the leading digits, whatever follows them: 1-a.sql and 1_b.sql are both version 1, and
        // dbmate's name order puts 10_c.sql between them ('-' < '0' < '_').
        write("1_b.sql", "-- migrate:up\nselect 2;\n-- migrate:down\nselect -2;\n");
        write("1-a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect -1;\n");
        write("10_c.sql", "-- migrate:up\nselect 10;\n-- migrate:down\nselect -10;\n");

        MigrationSource source = open();

        assertThat(errors(source)).extracting(HistoryFinding::kind, HistoryFinding::toString).containsExactly(tuple(
                Kind.DUPLICATE_VERSION, shown("1_b.sql") + ": has the same version (1) as " + shown("1-a.sql") + ", which"
                        + " dbmate runs first (it sorts files by name and records only the leading digits): on a new"
                        + " database dbmate then fails at this file (duplicate key in schema_migrations), and where"
                        + " version 1 is recorded it takes this file for applied and never runs it; it is left out here;"
                        + " give it a version no other file has, in its name's leading digits (dbmate new uses the time,"
                        + " yyyymmddhhmmss), so that it sorts where it is to run"));
        assertThat(source.revisions()).extracting(Revision::id, Revision::description)
                .containsExactly(tuple("1", "a"), tuple("10", "c"));
    }

    @Test
    void dbmate_reads_the_first_of_each_marker_and_a_later_one_is_a_warning_naming_the_line() throws IOException {
        // dbmate's sections run from the first up marker to the first down marker, then to the end of the file.
        write("1_a.sql", "-- migrate:up\ncreate table a (id int);\n-- migrate:down\ndrop table a;\n"
                + "-- migrate:up\ncreate table z (id int);\n");
        write("2_b.sql", "-- migrate:up\ncreate table b (id int);\n-- migrate:up transaction:false\ncreate index"
                + " concurrently b_i on b (id);\n-- migrate:down\ndrop table b;\n-- migrate:down\n");

        SqlHistory history = history();

        assertThat(history.findings()).filteredOn(f -> f.severity() == Severity.WARNING)
                .extracting(HistoryFinding::toString).containsExactly(
                        shown("1_a.sql") + ":5: is a second '-- migrate:up', after the '-- migrate:down' of line 3: dbmate"
                                + " reads only the first of each marker, so to it this line is a comment and the SQL after"
                                + " it belongs to the down section, which runs it on rollback (and so does the walk); move"
                                + " that SQL into the up section (lines 1 to 3) and delete this line",
                        shown("2_b.sql") + ":3: is a second '-- migrate:up': dbmate reads only the first of each marker,"
                                + " so to it this line is a comment inside the up section of line 1, and its options"
                                + " (transaction:false) are not read; delete this line and put its options on line 1",
                        shown("2_b.sql") + ":7: is a second '-- migrate:down': dbmate reads only the first of each"
                                + " marker, so to it this line is a comment inside the down section of line 5; delete this"
                                + " line");
        assertThat(plan("1").down().get(0).parse().statements()).extracting(s -> s.sql().strip())
                .containsExactly("drop table a", "create table z (id int)");
        assertThat(plan("2").up().get(0).outsideTransaction()).isEmpty();
    }

    @Test
    void dbmate_empty_sections_are_no_ops_and_a_name_may_hold_a_space() throws IOException {
        write("20200101000000_a copy.sql", "-- migrate:up\ncreate table a (id int);\n-- migrate:down\n");
        write("20200102000000_b.sql", "-- migrate:up\n-- migrate:down\nselect 1;\n");

        MigrationSource source = open();

        assertThat(errors(source)).isEmpty();
        assertThat(history().convention()).isEqualTo(Convention.DBMATE);
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(tuple("20200101000000", "a copy", true), tuple("20200102000000", "b", true));
        assertThat(source.findings()).singleElement().satisfies(f -> assertThat(f.message())
                .endsWith(": 20200101000000 down, 20200102000000 up"));
    }

    @Test
    void golang_migrate_ignores_atlas_sum_and_keeps_its_convention() throws IOException {
        write("1_a.up.sql", "select 1;");
        write("1_a.down.sql", "select 2;");
        write("atlas.sum", "h1:abc=");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::toString)
                .containsExactly(shown("atlas.sum") + ": is not a migration file, so it is ignored");
        assertThat(history().convention()).isEqualTo(Convention.GOLANG_MIGRATE);
    }
}
