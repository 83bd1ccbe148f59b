package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --model} and {@code --update-snapshot} end to end: exit codes, output and reports. */
class ModelCommandLineTest {

    private static final String SCHEMA_SQL = "CREATE TABLE users (id int PRIMARY KEY, name text);\n";

    @TempDir
    Path dir;
    private Path history;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @BeforeEach
    void writeHistory() throws IOException {
        history = Files.createDirectory(dir.resolve("migrations"));
        write(history.resolve("0001_users.up.sql"), "CREATE TABLE users (id int PRIMARY KEY, name text);");
        write(history.resolve("0001_users.down.sql"), "DROP TABLE users;");
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text + "\n");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private int verify(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "verify";
        args[1] = history.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return run(args);
    }

    @Test
    void a_reference_schema_equal_to_head_exits_0_and_one_that_differs_exits_1_with_the_differences() throws IOException {
        Path schema = write(dir.resolve("schema.sql"), SCHEMA_SQL);
        Path json = dir.resolve("report.json");

        assertThat(verify("--model", "sql:" + schema)).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("HEAD_MATCHES_MODEL: PASSED");

        write(schema, SCHEMA_SQL.replace("name text", "name text, nickname text"));
        assertThat(verify("--model", "sql:" + schema, "--json", json.toString())).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("History: the head schema does not match reference SQL file " + schema + "\n"
                + "  public.users.nickname: missing column: text\n");
        assertThat(Files.readString(json)).contains("\"HEAD_MATCHES_MODEL\":{\"outcome\":\"FAILED\"")
                .contains("\"path\":\"public.users.nickname\",\"kind\":\"missing\"").contains("\"migration\":{\"upgrade\":");
    }

    @Test
    void a_differing_model_shows_the_sql_that_closes_the_gap_in_the_output_and_every_report() throws IOException {
        Path schema = write(dir.resolve("schema.sql"), SCHEMA_SQL.replace("name text", "name text, nickname text"));
        Path json = dir.resolve("report.json");
        Path markdown = dir.resolve("summary.md");
        Path xml = dir.resolve("report.xml");

        assertThat(verify("--model", "sql:" + schema, "--json", json.toString(), "--markdown", markdown.toString(),
                "--junit-xml", xml.toString())).isEqualTo(1);

        assertThat(out.toString()).contains("Upgrade that closes the gap:\n  -- Upgrade:",
                "\n  ALTER TABLE public.users ADD COLUMN nickname text;\nIts downgrade:",
                "\n  ALTER TABLE public.users DROP COLUMN nickname;");
        assertThat(Files.readString(json)).contains("\"upgrade\":\"-- Upgrade:",
                "\\nALTER TABLE public.users ADD COLUMN nickname text;");
        assertThat(Files.readString(markdown)).contains("```sql\n-- Upgrade:",
                "\nALTER TABLE public.users ADD COLUMN nickname text;\n");
        assertThat(Files.readString(xml)).contains("ALTER TABLE public.users ADD COLUMN nickname");
    }

    @Test
    void update_snapshot_creates_the_file_rewrites_it_when_head_changes_and_leaves_it_alone_otherwise() throws IOException {
        Path snapshot = dir.resolve("model/schema.snapshot");

        assertThat(verify("--model", "snapshot:" + snapshot, "--update-snapshot")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("HEAD_MATCHES_MODEL: PASSED \\(created .*schema.snapshot with the head"
                + " schema \\(\\d+ objects\\)\\)");
        FileTime written = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(snapshot, written);
        assertThat(verify("--model", "snapshot:" + snapshot, "--update-snapshot")).isZero();
        assertThat(Files.getLastModifiedTime(snapshot)).as("untouched when equal").isEqualTo(written);

        write(history.resolve("0002_nickname.up.sql"), "ALTER TABLE users ADD COLUMN nickname text;");
        write(history.resolve("0002_nickname.down.sql"), "ALTER TABLE users DROP COLUMN nickname;");
        assertThat(verify("--model", "snapshot:" + snapshot)).isEqualTo(1);
        assertThat(out.toString()).contains("public.users.nickname: unexpected column: text",
                "update the snapshot file: run this command again with --update-snapshot, or write the file with:"
                        + " migrationtest snapshot " + history + " --out " + snapshot);
        assertThat(verify("--model", "snapshot:" + snapshot, "--update-snapshot")).isZero();
        assertThat(out.toString()).contains("HEAD_MATCHES_MODEL: PASSED (updated " + snapshot + ": 1 object changed)");
    }

    @Test
    void a_snapshot_written_by_the_snapshot_command_is_a_model_head_matches() {
        Path snapshot = dir.resolve("new/folder/schema.snapshot");

        assertThat(run("snapshot", history.toString(), "--out", snapshot.toString())).as(err.toString()).isZero();
        assertThat(verify("--model", "snapshot:" + snapshot)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("HEAD_MATCHES_MODEL: PASSED");
    }

    @Test
    void a_model_that_cannot_be_used_exits_2_before_postgres_starts_naming_the_file_and_the_fix() throws IOException {
        Path snapshot = dir.resolve("schema.snapshot");
        Path schema = dir.resolve("schema.sql");

        assertThat(verify("--model", "yaml:schema.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: Not a model: 'yaml:schema.yaml'. Allowed: snapshot:<file>");

        assertThat(verify("--model", "snapshot:" + snapshot)).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: " + snapshot + ": does not exist. Fix: Create it with the head"
                + " schema: run this command again with --update-snapshot, or write the file with: migrationtest snapshot "
                + history + " --out " + snapshot);

        write(snapshot, "# migrationtest schema snapshot 1\n\ntable public.users\n  colour: blue");
        assertThat(verify("--model", "snapshot:" + snapshot)).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: " + snapshot + ":3: not a snapshot: ");

        assertThat(verify("--model", "sql:" + schema)).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: " + schema + ": does not exist.");

        assertThat(verify("--update-snapshot")).isEqualTo(2);
        assertThat(err.toString()).contains("--update-snapshot needs --model snapshot:<file>, the file it writes");
        write(schema, SCHEMA_SQL);
        assertThat(verify("--model", "sql:" + schema, "--update-snapshot")).isEqualTo(2);
        assertThat(err.toString()).contains("--update-snapshot writes a snapshot file, but --model sql:" + schema
                + " is not one");
        assertThat(out.toString()).doesNotContain("Verifying");
    }

    @Test
    void a_failing_statement_in_the_reference_schema_fails_the_check_with_file_line_and_column() throws IOException {
        Path schema = write(dir.resolve("schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, name txet);");

        assertThat(verify("--model", "sql:" + schema)).isEqualTo(1);
        assertThat(out.toString()).contains("History: the model could not be read: reference SQL file " + schema + "\n"
                + "  " + schema + ":1:46: type \"txet\" does not exist\n");
    }
}
