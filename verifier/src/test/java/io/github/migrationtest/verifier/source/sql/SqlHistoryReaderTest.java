package io.github.migrationtest.verifier.source.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.HistoryFinding.Severity;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlHistoryReaderTest {

    @TempDir
    Path dir;

    private void write(String relative, String content) {
        new HistoryDir(dir).write(relative, content);
    }

    private MigrationSource open() {
        return open(SourceOptions.defaults().withType(SourceType.SQL));
    }

    private MigrationSource open(SourceOptions options) {
        return MigrationSources.open(dir, options);
    }

    private String shown(String relative) {
        return new HistoryDir(dir).shown(relative);
    }

    @Test
    void golang_migrate_pairs_are_ordered_by_numeric_version() throws IOException {
        write("10_ten.up.sql", "select 10;");
        write("10_ten.down.sql", "select -10;");
        write("9_nine.up.sql", "select 9;");
        write("9_nine.down.sql", "select -9;");
        write("README.md", "not a migration");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::toString)
                .containsExactly(shown("README.md") + ": is not a migration file, so it is ignored");
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("9", "nine", true),
                        org.assertj.core.groups.Tuple.tuple("10", "ten", true));
        assertThat(source.revisions().get(0).files()).containsExactly(shown("9_nine.up.sql"), shown("9_nine.down.sql"));
    }

    /** Histories for other databases only: none is read, and the error says there is no PostgreSQL one. */
    @Test
    void histories_of_other_databases_only_are_refused_naming_them() throws IOException {
        write("mysql/1_a.up.sql", "select 1;");
        write("mysql/1_a.down.sql", "select 1;");
        write("sqlite/1_a.up.sql", "select 1;");
        write("sqlite/1_a.down.sql", "select 1;");

        MigrationSource source = open();

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::kind, HistoryFinding::toString)
                .containsExactly(tuple(Severity.ERROR, Kind.NO_MIGRATIONS, dir + ": holds one history per database ("
                        + shown("mysql") + "/, " + shown("sqlite") + "/), none of them for PostgreSQL; point at a"
                        + " PostgreSQL history: migrationtest verifies PostgreSQL migrations"));
    }

    @Test
    void versions_compare_as_numbers_segment_by_segment() {
        assertThat(List.of("1.10", "1.9", "1_1", "2", "1.9.1", "20240101120000", "0003").stream().map(Version::parse).sorted()
                .map(Version::raw)).containsExactly("1_1", "1.9", "1.9.1", "1.10", "2", "0003", "20240101120000");
        assertThat(Version.parse("1.0")).isEqualTo(Version.parse("1")).isEqualTo(Version.parse("001"));
        assertThat(Version.parse("1_1").dotted()).isEqualTo("1.1");
    }

    @Test
    void diesel_directories_are_revisions() throws IOException {
        write("2023-01-02-000000_add_email/up.sql", "select 2;");
        write("2023-01-02-000000_add_email/down.sql", "select -2;");
        write("2023-01-01-000000_create_users/up.sql", "select 1;");
        write("2023-01-01-000000_create_users/down.sql", "select -1;");

        MigrationSource source = open();

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id, Revision::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2023-01-01-000000", "create users"),
                        org.assertj.core.groups.Tuple.tuple("2023-01-02-000000", "add email"));
    }

    @Test
    void dbmate_files_have_both_directions() throws IOException {
        write("20240101000000_create_users.sql", "-- migrate:up\ncreate table users (id int);\n\n-- migrate:down\ndrop table users;\n");
        write("20240102000000_seed.sql", "-- migrate:up\nselect 1;\n");

        MigrationSource source = open();

        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("20240101000000", true),
                        org.assertj.core.groups.Tuple.tuple("20240102000000", false));
        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.isError()).as("dbmate refuses the file, also to upgrade").isTrue();
            assertThat(finding.toString()).startsWith(shown("20240102000000_seed.sql")
                    + ": has no '-- migrate:down' section, which dbmate refuses")
                    .endsWith("add a '-- migrate:down' section, empty if nothing is to be undone");
        });
    }

    @Test
    void goose_statements_end_where_goose_ends_them_a_function_without_a_block_and_a_missing_semicolon_are_errors()
            throws IOException {
        write("00001_fn.sql", """
                -- +goose Up
                CREATE TABLE t (id int, updated_at timestamptz);
                CREATE FUNCTION touch() RETURNS trigger AS $$
                BEGIN
                    NEW.updated_at = now();
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;

                -- +goose Down
                DROP FUNCTION touch();
                DROP TABLE t
                """);

        MigrationSource source = open();

        assertThat(source.findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::toString)
                .containsExactly(
                        shown("00001_fn.sql") + ":5: ends in ';', where goose ends the upgrade's statement that starts"
                                + " at line 3: goose sends it cut in two, which Postgres rejects; enclose that"
                                + " statement in '-- +goose StatementBegin' and '-- +goose StatementEnd'",
                        shown("00001_fn.sql") + ":12: starts a statement of the downgrade with no line ending in ';'"
                                + " after it, which goose refuses (\"unexpected unfinished SQL query: missing"
                                + " semicolon?\"); end the statement with ';'");
    }

    @Test
    void goose_statements_that_goose_ends_where_psql_does_raise_nothing() throws IOException {
        write("00001_ok.sql", """
                -- +goose Up
                -- a comment; ending in a semicolon
                CREATE TABLE t (
                    id int, -- the key;
                    note text DEFAULT 'a;b'
                ); -- trailing comment
                -- +goose StatementBegin
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN 1;
                END;
                $$;
                -- +goose StatementEnd
                SELECT 1; SELECT 2;

                -- +goose Down
                DROP FUNCTION f(); DROP TABLE t;
                """);

        assertThat(open().findings()).filteredOn(HistoryFinding::isError).isEmpty();
    }

    @Test
    void a_concurrent_index_sent_in_one_goose_query_with_other_statements_is_an_error() throws IOException {
        write("00001_t.sql", "-- +goose Up\nCREATE TABLE t (a int, b int);\n-- +goose Down\nDROP TABLE t;\n");
        write("00002_idx.sql", """
                -- +goose NO TRANSACTION
                -- +goose Up
                -- +goose StatementBegin
                CREATE INDEX CONCURRENTLY t_a ON t (a);
                CREATE INDEX CONCURRENTLY t_b ON t (b);
                -- +goose StatementEnd
                -- +goose Down
                DROP INDEX CONCURRENTLY t_b;
                DROP INDEX CONCURRENTLY t_a;
                """);

        assertThat(open().findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::toString)
                .singleElement().asString().startsWith(shown("00002_idx.sql") + ":4: runs CREATE INDEX CONCURRENTLY in"
                        + " one query with 1 other statement(s) of the upgrade");
    }

    @Test
    void goose_annotations_goose_refuses_are_errors_naming_the_line() throws IOException {
        write("00001_a.sql", "-- +goose Up\ncreate table a (id int);\n-- +goose Up\ncreate table b (id int);\n");
        write("00002_b.sql", "-- +goose Up\n-- +goose StatementBegin\ncreate table c (id int);\n-- +goose Down\n");
        write("00003_c.sql", "create table d (id int);\n-- +goose Up\ncreate table e (id int);\n");
        write("00004_d.sql", "-- +goose Up\n-- this uses +goose annotations\ncreate table f (id int);\n");
        // A warning does not hide what goose then refuses; a line of spaces is kept by goose, a comment after it too.
        write("00005_e.sql", "-- +goose Up\n-- a +goose note\ncreate table g (id int);\n-- +goose Up\n");
        write("00006_f.sql", "-- +goose Up\ncreate table h (id int);\n   \n-- trailing note\n-- +goose Down\ndrop table h;\n");

        assertThat(open().findings()).filteredOn(f -> f.severity() != HistoryFinding.Severity.NOTE)
                .extracting(HistoryFinding::severity, HistoryFinding::file).containsExactly(
                tuple(HistoryFinding.Severity.ERROR, shown("00001_a.sql") + ":3"),
                tuple(HistoryFinding.Severity.ERROR, shown("00002_b.sql") + ":4"),
                tuple(HistoryFinding.Severity.ERROR, shown("00003_c.sql") + ":1"),
                tuple(HistoryFinding.Severity.WARNING, shown("00004_d.sql") + ":2"),
                tuple(HistoryFinding.Severity.ERROR, shown("00005_e.sql") + ":4"),
                tuple(HistoryFinding.Severity.ERROR, shown("00006_f.sql") + ":3"));
    }

    @Test
    void golang_migrate_goose_and_dbmate_read_only_the_folder_they_are_given() throws IOException {
        write("1_t.up.sql", "create table t (id int);");
        write("1_t.down.sql", "drop table t;");
        write("seeds/dev_data.sql", "insert into t values (1);");
        write("archive/1_old.up.sql", "create table old (id int);");

        MigrationSource source = open();

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1");
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(shown("") .replaceAll("/$", "")
                + ": 2 file(s) in subfolders are not read, as golang-migrate, sqlx, goose and dbmate read only the files"
                + " of the folder they are given: " + shown("archive/1_old.up.sql") + ", " + shown("seeds/dev_data.sql"));

        // goose: a fixture folder holding a file of the same version is not a duplicate
        Files.delete(dir.resolve("1_t.up.sql"));
        Files.delete(dir.resolve("1_t.down.sql"));
        Files.delete(dir.resolve("archive/1_old.up.sql"));
        write("00001_t.sql", "-- +goose Up\ncreate table t (id int);\n-- +goose Down\ndrop table t;\n");
        write("testdata/00001_fixture.sql", "-- +goose Up\ninsert into t values (1);\n");
        assertThat(open().findings()).filteredOn(HistoryFinding::isError).isEmpty();
    }

    @Test
    void names_their_tools_accept_golang_migrate_without_a_name_and_goose_without_a_space() throws IOException {
        write("1_.up.sql", "create table t (id int);");
        write("1_.down.sql", "drop table t;");
        assertThat(open().revisions()).extracting(Revision::id).containsExactly("1");

        Files.delete(dir.resolve("1_.up.sql"));
        Files.delete(dir.resolve("1_.down.sql"));
        write("00001_t.sql", "-- +gooseUp\ncreate table t (id int);\n-- +gooseDown\ndrop table t;\n");
        MigrationSource goose = open();
        assertThat(goose.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("00001", true));
        assertThat(goose.findings()).isEmpty();
    }

    @Test
    void diesel_refuses_a_folder_without_up_sql_among_its_migrations() throws IOException {
        write("2020-01-01-000000_a/up.sql", "create table a (id int);");
        write("2020-01-01-000000_a/down.sql", "drop table a;");
        write("docs/README.md", "how we migrate");
        write(".github/notes.md", "hidden folders are not diesel's");

        assertThat(open().findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::toString)
                .containsExactly(shown("docs") + "/: is a folder without up.sql, which diesel refuses along with the whole"
                        + " migrations folder (\"Unknown migration format\"); move it out of the migrations folder, or"
                        + " give it an up.sql");
    }

    @Test
    void popx_histories_may_span_folders() throws IOException {
        write("1_t.postgres.up.sql", "create table t (id int);");
        write("1_t.postgres.down.sql", "drop table t;");
        write("networkx/2_n.up.sql", "create table n (id int);");
        write("networkx/2_n.down.sql", "drop table n;");

        assertThat(open().revisions()).extracting(Revision::id).containsExactly("1", "2");
    }

    @Test
    void dbmate_files_it_refuses_to_parse_are_errors_naming_dbmate_s_rule() throws IOException {
        write("20240101000000_a.sql", "create table t (id int);\n-- migrate:up\ncreate table u (id int);\n-- migrate:down\n");
        write("20240102000000_b.sql", "-- a comment is fine\n\n-- migrate:down\ndrop table v;\n-- migrate:up\ncreate table v (id int);\n");
        // dbmate's marker is the word alone or followed by a space: "-- migrate:up:x" is a comment to it.
        write("20240103000000_c.sql", "-- migrate:up:x\ncreate table w (id int);\n-- migrate:down\ndrop table w;\n");

        MigrationSource source = open();

        assertThat(source.findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::toString)
                .containsExactly(
                        shown("20240101000000_a.sql") + ": has SQL before its '-- migrate:up', which dbmate refuses"
                                + " (\"dbmate does not support statements preceding the '-- migrate:up' block\");"
                                + " move it into the up section",
                        shown("20240102000000_b.sql") + ": has its '-- migrate:down' before its '-- migrate:up', which"
                                + " dbmate refuses (\"dbmate requires '-- migrate:up' to appear before '-- migrate:down'\");"
                                + " put the up section first",
                        shown("20240103000000_c.sql") + ": has no '-- migrate:up' marker, which dbmate refuses (\"dbmate"
                                + " requires each migration to define an up block with '-- migrate:up'\"); start the"
                                + " upgrade's SQL with a line '-- migrate:up' (the word alone, or followed by a space and"
                                + " options such as transaction:false)");
    }

    @Test
    void flyway_names_use_dotted_versions_and_u_scripts_as_downgrades() throws IOException {
        write("V1__create.sql", "select 1;");
        write("U1__create.sql", "select -1;");
        write("V1_1__tweak.sql", "select 11;");
        write("V1_10__later.sql", "select 110;");
        write("U1_10__later.sql", "select -110;");

        MigrationSource source = open();

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "1.1", "1.10");
        assertThat(source.revision("1.1").orElseThrow().whyNoDowngrade()).hasValue("no down file: add " + shown("U1_1__tweak.sql"));
        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.WARNING, Kind.MISSING_DOWNGRADE));
    }

    @Test
    void database_qualified_files_take_postgres_and_unqualified_ones() throws IOException {
        write("1_init.up.sql", "select 1;");
        write("1_init.down.sql", "select -1;");
        write("2_users.postgres.up.sql", "select 2;");
        write("2_users.postgres.down.sql", "select -2;");
        write("2_users.mysql.up.sql", "select 'mysql';");
        write("2_users.mysql.down.sql", "select 'mysql';");
        write("2_users.cockroach.up.sql", "select 'crdb';");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.NOTE, Kind.IGNORED_FILE));
        assertThat(source.findings().get(0).message()).isEqualTo("3 file(s) for other databases (cockroach, mysql) are not"
                + " run on Postgres: " + shown("2_users.cockroach.up.sql") + ", " + shown("2_users.mysql.down.sql") + ", "
                + shown("2_users.mysql.up.sql"));
        assertThat(source.revisions()).extracting(Revision::id, Revision::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "init"), org.assertj.core.groups.Tuple.tuple("2", "users"));
        assertThat(source.revisions().get(1).files()).containsExactly(shown("2_users.postgres.up.sql"), shown("2_users.postgres.down.sql"));
    }

    @Test
    void popx_orders_versions_as_text_where_golang_migrate_orders_them_as_numbers() throws IOException {
        // popx's Migrations.Less compares the version strings: 10 runs before 9; golang-migrate parses them as numbers.
        write("9_accounts.postgres.up.sql", "select 9;");
        write("9_accounts.postgres.down.sql", "select -9;");
        write("10_audit.postgres.up.sql", "select 10;");
        write("10_audit.postgres.down.sql", "select -10;");

        assertThat(open().revisions()).extracting(Revision::id).containsExactly("10", "9");

        for (String file : List.of("9_accounts", "10_audit")) {
            Files.move(dir.resolve(file + ".postgres.up.sql"), dir.resolve(file + ".up.sql"));
            Files.move(dir.resolve(file + ".postgres.down.sql"), dir.resolve(file + ".down.sql"));
        }
        assertThat(open().revisions()).extracting(Revision::id).containsExactly("9", "10");
    }

    @Test
    void a_popx_upgrade_without_any_down_file_breaks_the_history_as_popx_refuses_it() throws IOException {
        write("1_init.postgres.up.sql", "select 1;");
        write("1_init.postgres.down.sql", "select -1;");
        write("2_users.postgres.up.sql", "select 2;");
        write("2_users.mysql.up.sql", "select 'mysql';");
        write("3_roles.postgres.up.sql", "select 3;");
        write("3_roles.mysql.down.sql", "select 'mysql';"); // popx counts a down for any database

        MigrationSource source = open();

        assertThat(source.findings()).filteredOn(HistoryFinding::isError).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(shown("2_users.postgres.up.sql"));
            assertThat(error.message()).contains("popx refuses to run the history",
                    "migration 2 has no corresponding down migration");
            assertThat(error.fix()).startsWith("add " + shown("2_users.postgres.down.sql"));
        });
        assertThat(source.revision("2").orElseThrow().whyNoDowngrade()).isPresent();
        assertThat(source.revision("3").orElseThrow().whyNoDowngrade()).isPresent();
    }

    /** popx's parseMigrationFilename: an `.autocommit` where the database goes is autocommit for every database. */
    @Test
    void a_popx_autocommit_file_that_names_no_database_runs_for_every_database_as_popx_runs_it() throws IOException {
        write("1_init.postgres.up.sql", "select 1;");
        write("1_init.postgres.down.sql", "select -1;");
        write("2_index.autocommit.up.sql", "create index concurrently i on t (id);");
        write("2_index.autocommit.down.sql", "drop index concurrently i;");

        MigrationSource source = open();

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "2");
        assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.IGNORED_FILE).isEmpty();
        assertThat(SqlHistoryReader.read(dir, dir.toString(), null).revisions().get(1).up()).singleElement()
                .satisfies(part -> assertThat(part.outsideTransaction()).contains("autocommit"));
    }

    @Test
    void an_empty_diesel_file_is_warned_about_as_diesels_command_line_refuses_it() throws IOException {
        write("2024-01-01-000000_seed/up.sql", "insert into t values (1);");
        write("2024-01-01-000000_seed/down.sql", "");
        write("2024-01-02-000000_noop/up.sql", "-- nothing\n");
        write("2024-01-02-000000_noop/down.sql", "\n");

        MigrationSource source = open();

        assertThat(source.findings()).filteredOn(f -> f.severity() == Severity.WARNING).singleElement()
                .satisfies(warning -> assertThat(warning.message()).isEqualTo("1 file(s) are empty (0 bytes), which"
                        + " diesel's command line refuses (\"Attempted to run an empty migration\") where migrations embedded"
                        + " in the application run nothing: " + shown("2024-01-01-000000_seed/down.sql")));
    }

    @Test
    void a_user_pattern_names_version_name_and_direction() throws IOException {
        write("001-create-users.apply.sql", "select 1;");
        write("001-create-users.revert.sql", "select -1;");
        write("002-more.apply.sql", "select 2;");
        write("notes.sql", "select 0;");

        MigrationSource source = open(SourceOptions.defaults()
                .withFilePattern("(?<version>\\d+)-(?<name>.+)\\.(?<direction>apply|revert)\\.sql"));

        assertThat(source.type()).isEqualTo(SourceType.SQL);
        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("001", "create-users", true),
                        org.assertj.core.groups.Tuple.tuple("002", "more", false));
        assertThat(source.findings()).extracting(HistoryFinding::kind)
                .containsExactlyInAnyOrder(Kind.UNRECOGNISED_NAME, Kind.MISSING_DOWNGRADE);
    }

    @Test
    void a_pattern_without_the_named_groups_is_a_finding() {
        MigrationSource source = open(SourceOptions.defaults().withFilePattern("(\\d+)_(.*)\\.sql"));

        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.UNSUPPORTED);
            assertThat(finding.message()).isEqualTo("the file pattern has no named group version, name, direction");
        });
    }

    @Test
    void bad_input_is_one_line_per_file_naming_the_fix() throws IOException {
        write("1_a.up.sql", "select 1;");
        write("1_a.down.sql", "select -1;");
        write("2_b.up.sql", "select 2;");
        write("02_b_again.up.sql", "select 2;");
        write("3_c.up.sql", "   \n");
        write("4_d.down.sql", "select -4;");
        Files.write(dir.resolve("5_e.up.sql"), new byte[] {'s', 'e', 'l', (byte) 0xE9, ';'});
        write("5_e.down.sql", "select -5;");
        write("schema.sql", "select 0;");
        write("0_notes.sql", "select 0;");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactlyInAnyOrder(
                shown("schema.sql") + ": fits no naming convention; name it <version>_<name>.up.sql with"
                        + " <version>_<name>.down.sql, or V<version>__<name>.sql with U<version>__<name>.sql, or give a"
                        + " file pattern with groups version, name and direction",
                shown("0_notes.sql") + ": is neither an up nor a down file: golang-migrate skips it, and sqlx runs it"
                        + " as a migration it cannot revert, so the two tools would build different schemas from this"
                        + " folder; rename it to " + shown("0_notes.up.sql") + " and give it a"
                        + " .down.sql, or delete it",
                shown("2_b.up.sql") + ": has the same version (2) as " + shown("02_b_again.up.sql")
                        + "; give each migration its own version; only " + shown("02_b_again.up.sql") + " is used",
                // golang-migrate runs an empty migration for a missing down file: a note, the round trip judges it
                shown("02_b_again.up.sql") + ": has no down file: its downgrade runs no SQL, as golang-migrate runs an"
                        + " empty migration in its place (and sqlx's revert leaves the version applied); if the upgrade"
                        + " changes the schema, add " + shown("02_b_again.down.sql"),
                shown("3_c.up.sql") + ": has no down file: its downgrade runs no SQL, as golang-migrate runs an"
                        + " empty migration in its place (and sqlx's revert leaves the version applied); if the upgrade"
                        + " changes the schema, add " + shown("3_c.down.sql"),
                dir + ": 3 step(s) run no SQL (an empty file or section is a no-op, as for the tool; the round trip"
                        + " judges it): 02 down, 3 up, 3 down",
                shown("4_d.down.sql") + ": is a down file without its up file; add " + shown("4_d.up.sql") + " or delete this file",
                shown("5_e.up.sql") + ": is not UTF-8 (invalid byte at offset 3); re-save it as UTF-8");
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1", "02", "3");
        assertThat(source.hasErrors()).isTrue();
    }

    @Test
    void a_misnamed_flyway_migration_is_an_error_naming_the_name_flyway_would_run_but_a_callback_is_not() {
        write("V1__init.sql", "CREATE TABLE users (id int);");
        write("U1__init.sql", "DROP TABLE users;");
        write("V6_add_phone.sql", "ALTER TABLE users ADD phone text;");
        write("v7__add_email.sql", "ALTER TABLE users ADD email text;");
        write("afterMigrate.sql", "SELECT 1;");

        MigrationSource source = open(SourceOptions.defaults());

        assertThat(source.type()).isEqualTo(SourceType.FLYWAY);
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1");
        assertThat(source.findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::toString)
                .containsExactlyInAnyOrder(
                        shown("V6_add_phone.sql") + ": looks like a Flyway migration but does not have two underscores"
                                + " between version and description, so Flyway would skip it without a word (or, with"
                                + " validateMigrationNaming, refuse to migrate); rename it to V6__add_phone.sql, or move it"
                                + " out of the migration folder",
                        shown("v7__add_email.sql") + ": looks like a Flyway migration but starts with a lower-case 'v',"
                                + " so Flyway would skip it without a word (or, with validateMigrationNaming, refuse to"
                                + " migrate); rename it to V7__add_email.sql, or move it out of the migration folder");
        assertThat(source.findings()).extracting(HistoryFinding::file).doesNotContain(shown("afterMigrate.sql"));
    }

    @Test
    void an_up_file_with_a_mistyped_extension_is_an_error_naming_the_name_it_needs() {
        write("1_users.up.sql", "CREATE TABLE users (id int);");
        write("1_users.down.sql", "DROP TABLE users;");
        write("6_add_phone.up.sq", "ALTER TABLE users ADD phone text;");
        write("6_add_phone.down.sql", "ALTER TABLE users DROP phone;");
        write("notes.txt", "not a migration");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::severity, HistoryFinding::toString).contains(
                org.assertj.core.groups.Tuple.tuple(Severity.ERROR, shown("6_add_phone.up.sq")
                        + ": looks like a migration but ends in .sq, not .sql, so it would be skipped;"
                        + " rename it to 6_add_phone.up.sql, or move it out of the migration folder"),
                org.assertj.core.groups.Tuple.tuple(Severity.NOTE, shown("notes.txt")
                        + ": is not a migration file, so it is ignored"));
        assertThat(source.hasErrors()).isTrue();
    }

    @Test
    void a_near_miss_of_another_convention_than_the_historys_is_reported_as_any_stray_file() {
        write("1_users.up.sql", "CREATE TABLE users (id int);");
        write("1_users.down.sql", "DROP TABLE users;");
        write("V2_orders.sql", "CREATE TABLE orders (id int);");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::toString).singleElement().asString()
                .startsWith(shown("V2_orders.sql") + ": fits no naming convention; name it <version>_<name>.up.sql");
    }

    @Test
    void mixed_conventions_are_reported_and_the_majority_is_used() throws IOException {
        write("1_a.up.sql", "select 1;");
        write("1_a.down.sql", "select -1;");
        write("V2__b.sql", "select 2;");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(dir
                + ": mixes naming conventions: 2 golang-migrate/sqlx (e.g. " + shown("1_a.down.sql") + "), 1 Flyway (e.g. "
                + shown("V2__b.sql") + "); keep one convention per directory; only the golang-migrate/sqlx files are used");
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1");
    }

    @Test
    void a_u_script_without_its_v_script_is_reported() throws IOException {
        write("V1__a.sql", "select 1;");
        write("U1__a.sql", "select -1;");
        write("U2__b.sql", "select -2;");

        assertThat(open().findings()).extracting(HistoryFinding::toString).containsExactly(
                shown("U2__b.sql") + ": is a U script without its V script; add " + shown("V2__b.sql") + " or delete this file");
    }

    @Test
    void a_missing_or_wrong_location_is_a_finding() throws IOException {
        Path missing = dir.resolve("nope");
        write("file.sql", "select 1;");

        MigrationSource absent = MigrationSources.open(missing, SourceOptions.defaults());
        MigrationSource file = MigrationSources.open(dir.resolve("file.sql"), SourceOptions.defaults());
        MigrationSource empty = MigrationSources.open(Files.createDirectory(dir.resolve("empty")), SourceOptions.defaults());

        assertThat(absent.revisions()).isEmpty();
        assertThat(absent.findings()).extracting(HistoryFinding::kind, HistoryFinding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.MISSING_LOCATION, "does not exist"));
        assertThat(file.findings()).extracting(HistoryFinding::message).containsExactly("is a file, not a directory");
        assertThat(empty.findings()).extracting(HistoryFinding::kind).containsExactly(Kind.NO_MIGRATIONS);
    }

    @Test
    void a_repeatable_flyway_script_is_not_an_sql_pair() throws IOException {
        write("V1__a.sql", "select 1;");
        write("U1__a.sql", "select -1;");
        write("R__views.sql", "select 0;");

        MigrationSource source = open();

        assertThat(source.findings()).extracting(HistoryFinding::kind).containsExactly(Kind.UNSUPPORTED);
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(shown("R__views.sql")
                + ": is a Flyway repeatable migration, which has no place in an ordered list of SQL pairs;"
                + " verify the directory as a Flyway source (type flyway)");
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("1");
    }

    @Test
    void a_byte_order_mark_is_an_error_where_the_tool_sends_it_to_postgres() throws IOException {
        Files.write(dir.resolve("1_a.up.sql"), ("\uFEFFselect 1;").getBytes(StandardCharsets.UTF_8));
        write("1_a.down.sql", "select -1;");

        assertThat(open().findings()).extracting(HistoryFinding::toString).containsExactly(shown("1_a.up.sql")
                + ": starts with a UTF-8 byte order mark, which golang-migrate/sqlx does not skip: it goes to Postgres in"
                + " front of the first statement (a syntax error there), or hides the file's first marker; save the"
                + " file as UTF-8 without a byte order mark");
    }
}
