package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.ScriptSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a file that are comments ({@code --} first, after any spaces or tabs), with their offsets and
 * numbers: where goose's annotations and dbmate's section markers can be. Indented ones are kept too, as goose
 * looks at them (and refuses a {@code +goose} among them); each reader decides whether indentation counts. Only
 * those lines are kept, so telling the sections of a big file apart does not hold the file.
 */
record CommentLines(List<Line> lines) {

    /** A line as written (leading spaces included), without its line break; its first character's offset; from 1. */
    record Line(int offset, int number, String text) {}

    CommentLines {
        lines = List.copyOf(lines);
    }

    static CommentLines read(ScriptSource source) {
        List<Line> lines = new ArrayList<>();
        try (Reader reader = new BufferedReader(source.open())) {
            int offset = 0;
            int number = 0;
            int c = reader.read();
            while (c >= 0) {
                number++;
                int lineStart = offset;
                StringBuilder line = new StringBuilder();
                boolean comment = false;
                boolean undecided = true; // only spaces and tabs so far
                while (c >= 0 && c != '\n') {
                    if (undecided && c != ' ' && c != '\t') {
                        undecided = false;
                        comment = c == '-';
                    }
                    if (undecided || comment) {
                        line.append((char) c); // a line that is not a comment stops being kept at its first character
                    }
                    offset++;
                    c = reader.read();
                }
                String text = line.toString();
                if (comment && text.strip().startsWith("--")) {
                    lines.add(new Line(lineStart, number, text));
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
