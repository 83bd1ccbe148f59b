package io.github.migrationtest.verifier.source.script;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a region of a text that contain a marker, every other line left empty: what a reader
 * of special comments needs, in one pass that holds a line at a time.
 */
final class MarkedLines {

    private final String needle;
    private final StringBuilder kept = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private int skipped;

    private MarkedLines(String needle) {
        this.needle = needle;
    }

    /** The marked lines of {@code [from, to)} of the reader's text; empty when no line has the marker. */
    static String of(Reader reader, int from, int to, String needle) throws IOException {
        MarkedLines lines = new MarkedLines(needle);
        char[] chunk = new char[8192];
        int offset = 0;
        for (int read = reader.read(chunk); read >= 0 && offset < to; read = reader.read(chunk)) {
            int start = Math.max(from - offset, 0);
            int stop = (int) Math.min((long) to - offset, read);
            if (start < stop) {
                lines.scan(chunk, start, stop);
            }
            offset += read;
        }
        lines.endLine();
        return lines.kept.toString();
    }

    private void scan(char[] chunk, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                // Most lines lie in one chunk and hold no marker: they are searched where they are, not copied.
                if (line.length() == 0 && !contains(chunk, lineStart, i)) {
                    skipped++;
                } else {
                    line.append(chunk, lineStart, i - lineStart);
                    endLine();
                }
                lineStart = i + 1;
            }
        }
        line.append(chunk, lineStart, to - lineStart);
    }

    private boolean contains(char[] chunk, int from, int to) {
        char first = needle.charAt(0);
        for (int i = from; i <= to - needle.length(); i++) {
            if (chunk[i] == first && new String(chunk, i, needle.length()).equals(needle)) {
                return true;
            }
        }
        return false;
    }

    private void endLine() {
        if (line.indexOf(needle) >= 0) {
            kept.append("\n".repeat(skipped)).append(line).append('\n');
            skipped = 0;
        } else {
            skipped++;
        }
        line.setLength(0);
    }
}
