package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A script's statements one at a time, read from its source as they are asked for: a big migration
 * costs about its biggest statement, not its size. A {@code COPY ... FROM STDIN}'s data is streamed
 * with {@link #copyData()}. Not thread-safe; close it to close the file.
 */
public final class StatementCursor implements AutoCloseable {

    private final ScriptChars text;
    private final List<Integer> bounds;
    private int segment;
    private SqlSplitter splitter;

    /** {@code bounds}: the region's start, each cut, and its end, ascending. */
    StatementCursor(ScriptChars text, List<Integer> bounds) {
        this.text = text;
        this.bounds = bounds;
        this.splitter = new SqlSplitter(text, bounds.get(0), bounds.get(1));
    }

    /**
     * The next statement, {@code null} after the last.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public SqlStatement next() {
        while (true) {
            SqlStatement statement = splitter.next();
            if (statement != null || segment + 2 >= bounds.size()) {
                return statement;
            }
            segment++;
            splitter = new SqlSplitter(text, bounds.get(segment), bounds.get(segment + 1));
        }
    }

    /** The data of the {@code COPY ... FROM STDIN} that {@link #next} returned last, until {@code next} is called again. */
    public Reader copyData() {
        SqlSplitter current = splitter;
        return new Reader() {
            @Override
            public int read(char[] target, int at, int length) throws IOException {
                try {
                    return length == 0 ? 0 : current.readCopyData(target, at, length);
                } catch (UncheckedIOException e) {
                    // The driver cancels the COPY on an IOException and the runner names the statement.
                    throw e.getCause();
                }
            }

            @Override
            public void close() {
                // The cursor owns the file.
            }
        };
    }

    @Override
    public void close() {
        text.close();
    }
}
