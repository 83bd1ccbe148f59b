package io.github.migrationtest.verifier.source.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A script's statements, with the file they came from so a failure can point at a line and column.
 * A script may be a region of its file (a dbmate section); positions are still the file's.
 */
public final class SqlScript {

    private final String file;
    private final LineIndex lines;
    private final List<SqlStatement> statements;
    private final String text;

    private SqlScript(String file, LineIndex lines, List<SqlStatement> statements, String text) {
        this.file = Objects.requireNonNull(file, "file");
        this.lines = lines;
        this.statements = List.copyOf(statements);
        this.text = text;
    }

    /** Splits a whole file. */
    public static SqlScript parse(String file, String text) {
        return parse(file, text, 0, text.length());
    }

    /** Splits the region {@code [from, to)} of a file, keeping the file's line numbers. */
    public static SqlScript parse(String file, String text, int from, int to) {
        return parse(file, text, from, to, List.of());
    }

    /**
     * Splits the region {@code [from, to)} of a file where a statement also ends at each of the
     * {@code cuts} (ascending offsets inside the region): goose's {@code StatementEnd} ends a statement
     * that has no semicolon.
     */
    public static SqlScript parse(String file, String text, int from, int to, List<Integer> cuts) {
        LineIndex lines = new LineIndex(text);
        List<SqlStatement> statements = new ArrayList<>();
        int start = from;
        for (int cut : cuts) {
            statements.addAll(new SqlSplitter(text, start, cut, lines).split());
            start = cut;
        }
        statements.addAll(new SqlSplitter(text, start, to, lines).split());
        return new SqlScript(file, lines, statements, text.substring(from, to));
    }

    /** The file, as the user names it. */
    public String file() {
        return file;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /** The script's text as written: its file, or the region of it the script was split from. */
    public String text() {
        return text;
    }

    /** 1-based line of a character offset in the file. */
    public int line(int offset) {
        return lines.line(offset);
    }

    /** 1-based column of a character offset in the file. */
    public int column(int offset) {
        return lines.column(offset);
    }
}
