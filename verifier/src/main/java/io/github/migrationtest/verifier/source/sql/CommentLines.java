package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.ScriptSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a file that start with {@code --}, with their offsets: where goose's annotations and
 * dbmate's section markers can be. Only those lines are kept, so telling the sections of a big file
 * apart does not hold the file.
 */
record CommentLines(List<Line> lines) {

    /** A line without its line break, and the offset of its first character in the file. */
    record Line(int offset, String text) {}

    CommentLines {
        lines = List.copyOf(lines);
    }

    static CommentLines read(ScriptSource source) {
        List<Line> lines = new ArrayList<>();
        try (Reader reader = new BufferedReader(source.open())) {
            int offset = 0;
            int c = reader.read();
            while (c >= 0) {
                int lineStart = offset;
                StringBuilder kept = null;
                int first = c;
                while (c >= 0 && c != '\n') {
                    if (offset - lineStart == 1 && first == '-' && c == '-') {
                        kept = new StringBuilder("-");
                    }
                    if (kept != null) {
                        kept.append((char) c);
                    }
                    offset++;
                    c = reader.read();
                }
                if (kept != null) {
                    lines.add(new Line(lineStart, kept.toString()));
                }
                if (c == '\n') {
                    offset++;
                    c = reader.read();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommentLines(lines);
    }
}
