package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts read from their file as a stream, many times the reading window, split exactly as the same
 * text in memory: statements, their lines and columns, dollar-quoted bodies and COPY data that span
 * windows, multi-byte characters and a byte-order mark.
 */
class StreamedScriptTest {

    @TempDir
    Path dir;

    /** A statement the generator wrote, where it starts. */
    private record Expected(String sql, int line, int column) {}

    private final List<Expected> expected = new ArrayList<>();
    private final StringBuilder text = new StringBuilder("\uFEFF");
    private int line = 1;

    private void statement(String prefix, String sql, String suffix) {
        int column = prefix.length() - prefix.lastIndexOf('\n');
        int lineOfStart = line + (int) prefix.chars().filter(c -> c == '\n').count();
        expected.add(new Expected(sql, lineOfStart, column));
        write(prefix + sql + suffix);
    }

    private void write(String part) {
        text.append(part);
        line += (int) part.chars().filter(c -> c == '\n').count();
    }

    private Path bigScript() throws IOException {
        for (int i = 0; i < 3000; i++) {
            statement("-- row " + i + "; a comment with a semicolon\n  ",
                    "INSERT INTO t (id, note) VALUES (" + i + ", 'it''s; café ☕ " + i + "')", ";\n");
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            body.append("  PERFORM ").append(i).append("; -- $not_the_tag$\n");
        }
        statement("/* a block; comment */ ", "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n"
                + body + "END $body$", ";\n");
        statement("", "COPY t (id, note) FROM stdin", ";\n");
        int copyLine = line;
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            data.append(i).append("\tcopied; ").append(i).append(" é\n");
        }
        write(data + "\\.\n");
        statement("", "SELECT count(*) FROM t", ";\n");
        Path file = dir.resolve("big.sql");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertThat(copyLine).isGreaterThan(1);
        assertThat(text.length()).as("many reading windows").isGreaterThan(1_000_000);
        return file;
    }

    @Test
    void a_file_many_windows_long_splits_as_its_text_does_with_the_files_lines_and_columns() throws IOException {
        Path file = bigScript();
        SqlScript streamed = SqlScript.of("big.sql", ScriptSource.of(file), 0, SqlScript.TO_END, List.of());

        List<SqlStatement> statements = streamed.statements();

        assertThat(statements).extracting(s -> new Expected(s.sql(), s.line(), s.column())).containsExactlyElementsOf(expected);
        assertThat(statements).isEqualTo(SqlScript.parse("big.sql", text.substring(1)).statements());
        SqlStatement copy = statements.get(3001);
        assertThat(copy.copyData()).startsWith("0\tcopied; 0 é\n").endsWith("49999\tcopied; 49999 é\n").hasLineCount(50_000);
    }

    @Test
    void copy_data_is_streamed_from_the_cursor_and_skipped_when_not_read() throws IOException {
        Path file = bigScript();
        SqlScript script = SqlScript.of("big.sql", ScriptSource.of(file), 0, SqlScript.TO_END, List.of());

        StringBuilder data = new StringBuilder();
        SqlStatement after;
        try (StatementCursor cursor = script.open()) {
            SqlStatement statement = cursor.next();
            while (!statement.isCopyIn()) {
                statement = cursor.next();
            }
            assertThat(statement.copyData()).as("streamed, not held").isEmpty();
            Reader reader = cursor.copyData();
            char[] chunk = new char[1000];
            for (int read = reader.read(chunk); read >= 0; read = reader.read(chunk)) {
                data.append(chunk, 0, read);
            }
            after = cursor.next();
            assertThat(cursor.next()).isNull();
        }
        SqlStatement skippedTo;
        try (StatementCursor cursor = script.open()) {
            SqlStatement statement = cursor.next();
            while (!statement.isCopyIn()) {
                statement = cursor.next();
            }
            skippedTo = cursor.next();
        }

        assertThat(data.toString()).hasLineCount(50_000).endsWith("49999\tcopied; 49999 é\n");
        assertThat(after.sql()).isEqualTo("SELECT count(*) FROM t");
        assertThat(skippedTo).isEqualTo(after);
        assertThat(after.line()).isEqualTo(expected.get(expected.size() - 1).line());
    }

    @Test
    void the_lines_holding_a_marker_keep_their_line_numbers_and_nothing_else() throws IOException {
        Path file = dir.resolve("marked.sql");
        Files.writeString(file, "CREATE TABLE t (id int);\n\n-- migrationtest:allow DROPS_TABLE on purpose\nDROP TABLE t;\n");
        SqlScript script = SqlScript.of("marked.sql", ScriptSource.of(file), 0, SqlScript.TO_END, List.of());

        assertThat(script.linesContaining("migrationtest:")).isEqualTo("\n\n-- migrationtest:allow DROPS_TABLE on purpose\n");
        assertThat(script.linesContaining("nowhere")).isEmpty();
        assertThat(SqlScript.of("marked.sql", ScriptSource.of(file), 25, SqlScript.TO_END, List.of())
                .linesContaining("migrationtest:")).as("a region's own lines").startsWith("\n-- migrationtest:allow");
    }

    @Test
    void checking_a_file_without_keeping_it_says_what_reading_it_whole_says() throws IOException {
        Path valid = dir.resolve("valid.sql");
        Files.writeString(valid, "\uFEFFSELECT 'café';\n");
        Path nul = dir.resolve("nul.sql");
        Files.writeString(nul, "\uFEFFSELECT 1;\nSE\0LECT 2;\n");
        Path latin1 = dir.resolve("latin1.sql");
        Files.write(latin1, "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(ScriptText.check(valid)).isEqualTo(new ScriptText.Valid());
        assertThat(ScriptText.check(nul)).isEqualTo(ScriptText.read(nul)).isEqualTo(new ScriptText.HasNul(2, 3));
        assertThat(ScriptText.check(latin1)).isEqualTo(ScriptText.read(latin1)).isEqualTo(new ScriptText.NotUtf8(11));
        assertThat(ScriptText.check(dir.resolve("missing.sql"))).isInstanceOf(ScriptText.Unreadable.class);
        assertThat(ScriptSource.of(valid).text()).isEqualTo("SELECT 'café';\n");
    }
}
