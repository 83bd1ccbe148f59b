package io.github.migrationtest.verifier.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reference schema.sql, loaded into a scratch database on the real Postgres and snapshotted. */
class SqlFileModelTest {

    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    private SqlFileModel model(Path file, Path... initScripts) {
        return new SqlFileModel(ModelFile.at(file.toString()), List.of(initScripts));
    }

    @Test
    void should_snapshot_the_schema_the_file_builds_in_a_scratch_database_dropped_afterwards() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL);
                CREATE INDEX users_name_idx ON users (name);
                """);
        Set<String> before = server.openDatabases();

        SchemaSnapshot snapshot = model(file).snapshot(server, SnapshotOptions.defaults());

        assertThat(snapshot.lookup("public.users.name")).isPresent();
        assertThat(snapshot.lookup("public.users_name_idx")).isPresent();
        assertThat(server.openDatabases()).isEqualTo(before);
    }

    @Test
    void should_name_file_line_and_column_of_a_failing_statement_and_drop_the_scratch_database() throws IOException {
        Path file = Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE orders (id int PRIMARY KEY, total moneyy);
                """);
        Set<String> before = server.openDatabases();

        assertThatThrownBy(() -> model(file).snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> {
                    assertThat(e.failure().location()).isEqualTo(file + ":2:48");
                    assertThat(e.failure().message()).isEqualTo("type \"moneyy\" does not exist");
                    assertThat(e.fix()).isEqualTo("Correct the statement at " + file + ":2:48: the file must build the"
                            + " schema on an empty database (after the init scripts, if any)");
                });
        assertThat(server.openDatabases()).isEqualTo(before);
    }

    @Test
    void should_read_a_pg_dump_file_with_its_restrict_meta_commands_keeping_the_line_numbers() throws IOException {
        // pg_dump 17.6, 16.10, 15.14 and later write a \restrict <key> line first and its unrestrict line last.
        Path dump = Files.writeString(dir.resolve("schema.sql"), """
                --
                -- PostgreSQL database dump
                --

                \\restrict cPrip0PbvmUzzvKafbWgey4wAY70tsV4JVKku4OG43Lp0hKbY2YG24H6EzOvJkN

                SET statement_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);

                CREATE TABLE public.users (
                    id integer NOT NULL
                );

                \\unrestrict cPrip0PbvmUzzvKafbWgey4wAY70tsV4JVKku4OG43Lp0hKbY2YG24H6EzOvJkN
                """);
        Path broken = Files.writeString(dir.resolve("broken.sql"), "\\restrict abc\nCREATE TABLE t (x moneyy);\n\\unrestrict abc\n");

        SchemaSnapshot snapshot = model(dump).snapshot(server, SnapshotOptions.defaults());

        assertThat(snapshot.lookup("public.users.id")).isPresent();
        assertThatThrownBy(() -> model(broken).snapshot(server, SnapshotOptions.defaults()))
                .isInstanceOfSatisfying(ModelFileException.class, e -> assertThat(e.failure().location()).startsWith(broken + ":2:"));
    }

    @Test
    void should_run_the_init_scripts_first_as_in_the_working_database() throws IOException {
        Path init = Files.writeString(dir.resolve("environment.sql"), "CREATE SCHEMA IF NOT EXISTS audit;\n");
        Path file = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE audit.events (id int PRIMARY KEY);\n");

        SchemaSnapshot snapshot = model(file, init).snapshot(server, SnapshotOptions.defaults());

        assertThat(snapshot.lookup("audit.events")).isPresent();
        assertThatThrownBy(() -> model(file).snapshot(server, SnapshotOptions.defaults()))
                .hasMessageContaining("schema \"audit\" does not exist");
    }

    @Test
    void should_read_a_file_saved_with_a_byte_order_mark_as_migrations_are_read() throws IOException {
        // Windows editors save UTF-8 with a BOM; sent to Postgres it would be a syntax error at the first word.
        Path file = Files.writeString(dir.resolve("schema.sql"), "\uFEFFCREATE TABLE users (id int PRIMARY KEY);\n");

        SchemaSnapshot snapshot = model(file).snapshot(server, SnapshotOptions.defaults());

        assertThat(snapshot.lookup("public.users")).isPresent();
    }

    @Test
    void should_fail_on_a_file_that_is_not_utf_8_before_any_database_is_made() throws IOException {
        Path file = Files.write(dir.resolve("schema.sql"), new byte[] {'-', '-', ' ', (byte) 0xC3, '(', '\n'});

        assertThatThrownBy(() -> model(file).snapshot(null, SnapshotOptions.defaults()))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": cannot be read: it is not UTF-8 text. Fix: Make it a readable UTF-8 SQL file");
    }

    @Test
    void should_fail_on_a_missing_file_naming_it_before_any_database_is_made() {
        Path file = dir.resolve("schema.sql");

        assertThatThrownBy(() -> model(file).snapshot(null, SnapshotOptions.defaults()))
                .isInstanceOf(ModelFileException.class)
                .hasMessage(file + ": does not exist. Fix: Write the desired schema there (the DDL of every object the"
                        + " migrations should build), or point sql: at an existing file");
    }
}
