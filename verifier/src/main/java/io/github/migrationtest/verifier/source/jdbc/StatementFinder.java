package io.github.migrationtest.verifier.source.jdbc;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Finds the line a statement a tool runs starts on in the file it came from, in order: each statement
 * is looked for after the one found before it. Both texts are compared upper-cased, white space
 * collapsed and SQL comments left out, except a Liquibase {@code --rollback} comment, whose SQL
 * counts. Only the statement's start is compared, so a tool that splits a script differently, or
 * strips its comments, or ends it without the semicolon, is still found; a tool's own bookkeeping,
 * which is not in the file, is not.
 */
public final class StatementFinder {

    /** How much of a statement's start must match: enough to tell statements apart, short enough to survive a tool's rewriting. */
    private static final int KEY = 120;
    private static final int SHORT_KEY = 40;
    private static final String ROLLBACK = "--ROLLBACK";

    private final String file;
    private final String text;
    private final int[] lines;
    private int cursor;
    private int end;

    private StatementFinder(String file, Normalised normalised) {
        this.file = file;
        this.text = normalised.text.toString();
        this.lines = Arrays.copyOf(normalised.lines, normalised.text.length());
        this.end = text.length();
    }

    /** A finder over a file's text, its cursor at the start. */
    public static StatementFinder of(String file, String text) {
        return new StatementFinder(file, normalise(text, Integer.MAX_VALUE));
    }

    /** The file as the user names it. */
    public String file() {
        return file;
    }

    /** Looks from {@code fromLine} (1-based) up to the start of {@code toLine} (exclusive; 0 for the end) only. */
    public void within(int fromLine, int toLine) {
        cursor = offsetOfLine(fromLine);
        end = toLine <= 0 ? text.length() : offsetOfLine(toLine);
    }

    /** The line {@code sql} starts on, after the statement found last; empty when it is not in the file there. */
    public OptionalInt find(String sql) {
        String start = normalise(sql, KEY * 2).text.toString().strip();
        while (start.endsWith(";")) {
            start = start.substring(0, start.length() - 1).strip();
        }
        if (start.isEmpty()) {
            return OptionalInt.empty();
        }
        String key = start.substring(0, Math.min(KEY, start.length()));
        int at = indexOf(key);
        if (at < 0 && key.length() > SHORT_KEY) {
            key = key.substring(0, SHORT_KEY);
            at = indexOf(key);
        }
        if (at < 0) {
            return OptionalInt.empty();
        }
        cursor = at + key.length();
        return OptionalInt.of(lines[at]);
    }

    /** Where {@code key} is between the cursor and the end of the region: a statement not there costs the region, not the file. */
    private int indexOf(String key) {
        for (int at = text.indexOf(key.charAt(0), cursor); at >= 0 && at + key.length() <= end;
                at = text.indexOf(key.charAt(0), at + 1)) {
            if (text.startsWith(key, at)) {
                return at;
            }
        }
        return -1;
    }

    /** The first character on or after {@code line}: the lines only grow along the text. */
    private int offsetOfLine(int line) {
        int low = 0;
        int high = lines.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (lines[middle] < line) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static final class Normalised {
        final StringBuilder text = new StringBuilder();
        int[] lines = new int[64];

        void append(char c, int line) {
            if (text.length() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[text.length()] = line;
            text.append(c);
        }
    }

    /** The text compared: at most {@code limit} characters of it. */
    private static Normalised normalise(String raw, int limit) {
        Normalised out = new Normalised();
        int line = 1;
        boolean space = false;
        for (int i = 0; i < raw.length() && out.text.length() < limit; i++) {
            char c = raw.charAt(i);
            if (c == '-' && raw.startsWith("--", i)) {
                if (raw.regionMatches(true, i, ROLLBACK, 0, ROLLBACK.length())) {
                    i += ROLLBACK.length() - 1;
                    space = true;
                    continue;
                }
                while (i + 1 < raw.length() && raw.charAt(i + 1) != '\n') {
                    i++;
                }
                space = true;
                continue;
            }
            if (c == '/' && raw.startsWith("/*", i)) {
                int close = raw.indexOf("*/", i + 2);
                int stop = close < 0 ? raw.length() : close + 2;
                line += (int) raw.substring(i, stop).chars().filter(ch -> ch == '\n').count();
                i = stop - 1;
                space = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                space = true;
                continue;
            }
            if (space && out.text.length() > 0) {
                out.append(' ', line);
            }
            space = false;
            out.append(Character.toUpperCase(c), line);
        }
        return out;
    }
}
