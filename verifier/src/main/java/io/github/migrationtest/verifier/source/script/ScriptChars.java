package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A script's characters read on demand from a {@link Reader}, addressed by their offset in the file.
 * Only a window is held: what the reader has not reached yet is not read, and what lies before the
 * point the caller {@link #release releases} is dropped, so a big file costs about one statement's
 * size. It also counts lines, for offsets at or after the last one asked about.
 */
final class ScriptChars implements AutoCloseable {

    private static final int CHUNK = 8192;
    // Dropping the released prefix shifts the window: done only when that much is free, and at most
    // half the window, so the shifting costs little per character.
    private static final int DROP_AT_LEAST = 1 << 16;

    private final Reader reader;
    private char[] window = new char[CHUNK * 2];
    private int length;
    private int base;
    private boolean eof;

    private int lineAt;
    private int line = 1;
    private int lineStart;

    ScriptChars(Reader reader) {
        this.reader = reader;
    }

    /** Whether the file has a character at {@code offset}, reading up to it. */
    boolean has(int offset) {
        while (offset - base >= length) {
            if (!readChunk()) {
                return false;
            }
        }
        return true;
    }

    /** The character at {@code offset}; {@link #has} must have said it exists. */
    char at(int offset) {
        int index = offset - base;
        if (index < length) {
            return window[index];
        }
        if (!has(offset)) {
            throw new IndexOutOfBoundsException(offset);
        }
        return window[offset - base];
    }

    /** The offset after the last character read so far: the file's length once the reader is exhausted. */
    int available() {
        return base + length;
    }

    /** The text from {@code from} to {@code to}, both read already and not released. */
    String slice(int from, int to) {
        return new String(window, from - base, to - from);
    }

    void copy(int from, int to, char[] target, int at) {
        System.arraycopy(window, from - base, target, at, to - from);
    }

    /**
     * The offset of {@code needle} at or after {@code from}, or -1; reads no further than needed to
     * tell whether it starts before {@code limit}, so a found offset at or past the limit means none.
     */
    int indexOf(String needle, int from, int limit) {
        int searchFrom = from;
        while (true) {
            int found = find(needle, searchFrom - base);
            if (found >= 0) {
                return found + base;
            }
            if ((long) available() >= (long) limit + needle.length() || !readChunk()) {
                return -1;
            }
            searchFrom = Math.max(from, available() - CHUNK - needle.length());
        }
    }

    private int find(String needle, int from) {
        char first = needle.charAt(0);
        int last = length - needle.length();
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (window[i] == first && matches(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(String needle, int at) {
        for (int k = 1; k < needle.length(); k++) {
            if (window[at + k] != needle.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** 1-based line of {@code offset}, which may not lie before an offset asked about or released before. */
    int line(int offset) {
        has(offset - 1);
        for (int i = lineAt; i < offset; i++) {
            if (window[i - base] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        lineAt = Math.max(lineAt, offset);
        return line;
    }

    /** 1-based column of {@code offset}, under the same rule as {@link #line}. */
    int column(int offset) {
        line(offset);
        return offset - lineStart + 1;
    }

    /** Nothing before {@code offset} is asked for again: the window may drop it. */
    void release(int offset) {
        int free = Math.min(offset, available()) - base;
        if (free < DROP_AT_LEAST || free < length / 2) {
            return;
        }
        line(base + free);
        System.arraycopy(window, free, window, 0, length - free);
        length -= free;
        base += free;
    }

    private boolean readChunk() {
        if (eof) {
            return false;
        }
        try {
            if (length + CHUNK > window.length) {
                window = Arrays.copyOf(window, Math.max(window.length * 2, length + CHUNK));
            }
            int read = reader.read(window, length, CHUNK);
            if (read < 0) {
                eof = true;
                return false;
            }
            length += read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
