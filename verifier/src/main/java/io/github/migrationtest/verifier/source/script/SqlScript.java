package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.ServerWideChanges;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A script's statements, with the file they came from so a failure can point at a line and column.
 * A script may be a region of its file (a dbmate section); positions are still the file's. The text
 * is read from its {@link ScriptSource} each time the statements are walked, never kept.
 */
public final class SqlScript {

    /** A region end meaning "to the end of the file", whose length is not known before reading it. */
    public static final int TO_END = Integer.MAX_VALUE;

    private final String file;
    private final ScriptSource source;
    private final List<Integer> bounds;
    // Small (the marked lines, the rest empty) and read again each time the script runs otherwise.
    private final Map<String, String> marked = new ConcurrentHashMap<>();

    private SqlScript(String file, ScriptSource source, List<Integer> bounds) {
        this.file = Objects.requireNonNull(file, "file");
        this.source = Objects.requireNonNull(source, "source");
        this.bounds = List.copyOf(bounds);
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
        return of(file, ScriptSource.of(text), from, to, cuts);
    }

    /** As {@link #parse(String, String, int, int, List)}, the text read from {@code source}; {@code to} may be {@link #TO_END}. */
    public static SqlScript of(String file, ScriptSource source, int from, int to, List<Integer> cuts) {
        List<Integer> bounds = new ArrayList<>();
        bounds.add(from);
        bounds.addAll(cuts);
        bounds.add(to);
        return new SqlScript(file, source, bounds);
    }

    /** The file, as the user names it. */
    public String file() {
        return file;
    }

    /**
     * The statements one at a time; the caller closes the cursor.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public StatementCursor open() {
        return new StatementCursor(new ScriptChars(source.open()), bounds);
    }

    /**
     * The first statement that changes what all databases of a server share (a role, a tablespace: {@link
     * ServerWideChanges}), as {@code file:line: statement}; read one statement at a time, so a big file is not held.
     */
    public Optional<String> serverWideChange() {
        return serverWideChange(statement -> false);
    }

    /** The same, leaving out the statements {@code harmless} accepts. */
    Optional<String> serverWideChange(Predicate<SqlStatement> harmless) {
        try (StatementCursor cursor = open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next()) {
                if (harmless.test(statement)) {
                    continue;
                }
                Optional<String> change = ServerWideChanges.in(file, statement.line(), statement.sql());
                if (change.isPresent()) {
                    return change;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * All statements, each {@code COPY}'s data included: holds the whole script, so for small ones (and
     * tests); running a script walks {@link #open()} instead.
     */
    public List<SqlStatement> statements() {
        List<SqlStatement> statements = new ArrayList<>();
        try (StatementCursor cursor = open()) {
            for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next()) {
                statements.add(statement.isCopyIn() ? withCopyData(statement, cursor.copyData()) : statement);
            }
        }
        return statements;
    }

    /** Whether the script has no statement (empty or only comments); reads only up to its first statement. */
    public boolean isEmpty() {
        try (StatementCursor cursor = open()) {
            return cursor.next() == null;
        }
    }

    /** The script's text as written: its file, or the region of it the script was split from; costs its size. */
    public String text() {
        int from = bounds.get(0);
        int to = bounds.get(bounds.size() - 1);
        try (ScriptChars text = new ScriptChars(source.open())) {
            int end = text.has(to - 1) ? to : text.available();
            return from >= end ? "" : text.slice(from, end);
        }
    }

    /**
     * The script's lines (of its region) that contain {@code needle}, every other line left empty so
     * that line numbers hold; empty when none does. What a reader of special comments needs, without
     * the script's size.
     */
    public String linesContaining(String needle) {
        return marked.computeIfAbsent(needle, this::readLinesContaining);
    }

    private String readLinesContaining(String needle) {
        try (Reader reader = source.open()) {
            return MarkedLines.of(reader, bounds.get(0), bounds.get(bounds.size() - 1), needle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SqlStatement withCopyData(SqlStatement statement, Reader data) {
        try {
            return new SqlStatement(statement.sql(), statement.code(), statement.offset(), statement.line(),
                    statement.column(), ScriptSource.readAll(data), statement.copyDataLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
