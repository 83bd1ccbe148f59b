package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated, data-loading migration of 50 MB verified by the packaged command line (run after
 * {@code package}) in a heap of 64 MB: scripts are read, split and sent as a stream, so the heap a
 * history needs follows its biggest statement, not its biggest file. Before, such a file needed more
 * than 192 MB (the file held whole, as bytes, decoded characters and text, plus every statement).
 */
class BigMigrationIT {

    private static final Path JAR = Path.of("target", "migrationtest.jar");
    private static final String HEAP = "-Xmx64m";
    private static final long SIZE = 50L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_50_mb_migration_verifies_in_a_64_mb_heap() throws Exception {
        Path history = history("DROP TABLE big;\n", -1);

        Result result = verify(history);

        assertThat(result.exit).as(result.output).isZero();
        assertThat(result.output).contains("passed, 0 failed");
    }

    @Test
    void a_broken_downgrade_of_a_50_mb_migration_fails_naming_its_file_and_line() throws Exception {
        Path history = history("DELETE FROM big WHERE id < 0;\nDROP TABLE bigg;\n", -1);

        Result result = verify(history);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("1_big.down.sql:2:1:").contains("\"bigg\" does not exist");
    }

    @Test
    void a_bad_row_deep_in_the_copy_data_of_a_50_mb_migration_is_named_by_its_line() throws Exception {
        int badLine = 500_000;
        Path history = history("DROP TABLE big;\n", badLine);

        Result result = verify(history);

        assertThat(result.exit).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("1_big.up.sql:" + badLine + ":1");
    }

    @Test
    void a_single_statement_bigger_than_the_heap_is_a_crash_exit_2_that_says_to_raise_xmx() throws Exception {
        Path history = Files.createDirectory(dir.resolve("one-statement"));
        try (BufferedWriter out = Files.newBufferedWriter(history.resolve("1_huge.up.sql"), StandardCharsets.UTF_8)) {
            out.write("CREATE TABLE huge (id bigint, note text);\nINSERT INTO huge VALUES\n");
            for (long i = 1, written = 0; written < SIZE; i++) {
                String row = (i == 1 ? "" : ",\n") + "(" + i + ", 'café row " + i + " with a note long enough to add up')";
                out.write(row);
                written += row.length();
            }
            out.write(";\n");
        }
        Files.writeString(history.resolve("1_huge.down.sql"), "DROP TABLE huge;\n");

        Result result = verify(history);

        assertThat(result.exit).as(result.output).isEqualTo(2);
        assertThat(result.output).contains("OutOfMemoryError").contains("-Xmx");
    }

    /**
     * A history whose first revision creates a table and loads about 50 MB into it, half as multi-row
     * {@code INSERT}s, half as a {@code COPY ... FROM stdin} block (some rows not Latin-1, which Java
     * holds at two bytes a character), then a small second revision.
     *
     * @param badLine a line of the COPY data to make a bad row (a text where a number goes); -1 for none
     */
    private Path history(String down, int badLine) throws IOException {
        Path history = Files.createDirectory(dir.resolve("history"));
        int line = 1;
        try (BufferedWriter out = Files.newBufferedWriter(history.resolve("1_big.up.sql"), StandardCharsets.UTF_8)) {
            out.write("-- generated: a data-loading migration\nCREATE TABLE big (id bigint PRIMARY KEY, name text NOT NULL, note text);\n");
            line += 2;
            long written = 0;
            long id = 0;
            while (written < SIZE / 2) {
                StringBuilder insert = new StringBuilder("INSERT INTO big (id, name, note) VALUES\n");
                for (int row = 0; row < 500; row++) {
                    id++;
                    insert.append(row == 0 ? "" : ",\n").append('(').append(id).append(", 'name ").append(id)
                            .append("', 'a note; with a semicolon, ''quotes'' and -- no comment, row ").append(id).append("')");
                }
                insert.append(";\n");
                out.write(insert.toString());
                written += insert.length();
                line += 501;
            }
            out.write("COPY big (id, name, note) FROM stdin;\n");
            line++;
            while (written < SIZE) {
                id++;
                String row = (line == badLine ? "not-a-number" : String.valueOf(id)) + "\tcopied " + id
                        + "\tcafé ☕ note for a copied row, padded to look like real data " + id + "\n";
                out.write(row);
                written += row.length();
                line++;
            }
            out.write("\\.\n");
        }
        Files.writeString(history.resolve("1_big.down.sql"), down);
        Files.writeString(history.resolve("2_small.up.sql"), "CREATE TABLE small (id int);\n");
        Files.writeString(history.resolve("2_small.down.sql"), "DROP TABLE small;\n");
        return history;
    }

    private record Result(int exit, String output) {}

    private Result verify(Path history) throws Exception {
        assertThat(JAR).as("the packaged command line (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(List.of(java, HEAP,
                "-D" + PostgresSettings.EMBEDDED_BINARIES + "=" + System.getProperty(PostgresSettings.EMBEDDED_BINARIES, ""),
                "-jar", JAR.toString(), "verify", history.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the run ended").isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }
}
