package io.github.migrationtest.verifier.source.script;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits Postgres SQL into statements the way psql does: a semicolon ends a statement only outside
 * strings ({@code '..'}, {@code E'..'}), quoted identifiers, dollar-quoted bodies, comments (line and
 * nested block) and SQL-standard {@code BEGIN ATOMIC ... END} function bodies. The data lines after
 * {@code COPY ... FROM STDIN} (up to {@code \.}) belong to that statement.
 */
final class SqlSplitter {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("^COPY\\b.*\\bFROM STDIN\\b.*");
    private static final Pattern ROUTINE = Pattern.compile("^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE)\\b.*");

    private final ScriptChars text;
    private final int end;

    private int pos;
    private int start = -1;
    private final StringBuilder code = new StringBuilder();
    private int atomicDepth;
    private SqlStatement finished;

    // The COPY data being read: the offset reached, the end of the line being served, whether the end
    // marker (or the end of the text) was reached.
    private boolean inCopy;
    private int copyServedTo;

    /** Splits {@code [from, to)} of the text; {@code to} may be {@link Integer#MAX_VALUE} for "to the end". */
    SqlSplitter(ScriptChars text, int from, int to) {
        this.text = text;
        this.pos = from;
        this.end = to;
    }

    /**
     * The next statement, {@code null} after the last. For a {@code COPY ... FROM STDIN} its data is
     * read with {@link #readCopyData} before the next call; what is not read then is skipped.
     */
    SqlStatement next() {
        skipCopyData();
        while (has(pos) && finished == null) {
            if (start < 0) {
                text.release(pos);
            }
            char c = text.at(pos);
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (Character.isWhitespace(c)) {
                pos++;
                space();
            } else if (c == ';' && atomicDepth == 0) {
                finishStatement(pos);
                pos++;
                startCopyDataIfAny();
            } else {
                if (start < 0) {
                    start = pos;
                }
                token(c);
            }
        }
        if (finished == null && start >= 0) {
            finishStatement(textEnd());
        }
        SqlStatement statement = finished;
        finished = null;
        return statement;
    }

    private void token(char c) {
        if (c == '\'') {
            skipString(false);
        } else if (c == '"') {
            int from = pos;
            skipQuoted('"');
            code.append(text.slice(from, pos));
        } else if (c == '$' && dollarTagEnd(pos) > 0) {
            skipDollarQuoted();
        } else if (isIdentifierStart(c)) {
            word();
        } else {
            code.append(c);
            pos++;
        }
    }

    private void word() {
        int from = pos;
        while (has(pos) && isIdentifierPart(text.at(pos))) {
            pos++;
        }
        String word = text.slice(from, pos).toUpperCase(Locale.ROOT);
        if (has(pos) && text.at(pos) == '\'' && (word.equals("E"))) {
            code.append(word);
            skipString(true);
            return;
        }
        code.append(word);
        trackAtomicBody(word);
    }

    // psql's rule: inside CREATE FUNCTION/PROCEDURE, BEGIN opens a body that END closes, and CASE
    // nests within it, so the body's semicolons do not end the statement.
    private void trackAtomicBody(String word) {
        switch (word) {
            case "BEGIN" -> {
                if (ROUTINE.matcher(code).matches()) {
                    atomicDepth++;
                }
            }
            case "CASE" -> {
                if (atomicDepth > 0) {
                    atomicDepth++;
                }
            }
            case "END" -> {
                if (atomicDepth > 0) {
                    atomicDepth--;
                }
            }
            default -> { }
        }
    }

    private void skipString(boolean backslashEscapes) {
        pos++; // opening quote
        while (has(pos)) {
            char c = text.at(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                pos++;
            }
        }
        if (!has(pos)) {
            pos = textEnd();
        }
        code.append("''");
    }

    private void skipQuoted(char quote) {
        pos++;
        while (has(pos)) {
            if (text.at(pos) == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            pos++;
        }
    }

    private void skipDollarQuoted() {
        int tagEnd = dollarTagEnd(pos);
        String tag = text.slice(pos, tagEnd);
        int close = text.indexOf(tag, tagEnd, end);
        pos = close < 0 || close >= end ? textEnd() : close + tag.length();
        code.append("$$");
    }

    /** The offset after a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code at}, or -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (has(i) && text.at(i) == '$') {
            return i + 1;
        }
        if (!has(i) || !isIdentifierStart(text.at(i))) {
            return -1;
        }
        while (has(i) && isTagPart(text.at(i))) {
            i++;
        }
        return has(i) && text.at(i) == '$' ? i + 1 : -1;
    }

    private void skipLineComment() {
        while (has(pos) && text.at(pos) != '\n') {
            pos++;
        }
        space();
    }

    private void skipBlockComment() {
        int depth = 0;
        while (has(pos)) {
            if (text.at(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (text.at(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                pos++;
            }
        }
        space();
    }

    private void finishStatement(int stop) {
        if (start < 0) {
            reset();
            return;
        }
        int last = stop;
        while (last > start && Character.isWhitespace(text.at(last - 1))) {
            last--;
        }
        String normalised = code.toString().trim();
        finished = new SqlStatement(text.slice(start, last), normalised, start, text.line(start), text.column(start), null, 0);
        reset();
    }

    private void startCopyDataIfAny() {
        if (finished == null || !COPY_FROM_STDIN.matcher(finished.code()).matches()) {
            return;
        }
        // The data starts on the line after the command, as in psql.
        int newline = text.indexOf("\n", pos, end);
        pos = newline < 0 || newline >= end ? textEnd() : newline + 1;
        finished = new SqlStatement(finished.sql(), finished.code(), finished.offset(), finished.line(),
                finished.column(), "", text.line(pos));
        inCopy = true;
        copyServedTo = pos;
    }

    /**
     * Reads the data of the {@code COPY} statement {@link #next} returned last into {@code target}, line by
     * line up to the {@code \.} line or the end of the text; -1 at its end.
     */
    int readCopyData(char[] target, int at, int length) {
        int count = 0;
        // As many lines as fit: the driver sends each read as a message of its own.
        while (count < length && inCopy) {
            if (copyServedTo <= pos && !startCopyLine()) {
                break;
            }
            int chunk = Math.min(length - count, copyServedTo - pos);
            text.copy(pos, pos + chunk, target, at + count);
            pos += chunk;
            count += chunk;
        }
        text.release(pos);
        return count == 0 && !inCopy ? -1 : count;
    }

    /** Finds the end of the data line at {@code pos}; false (and the data ended) at the end marker or text. */
    private boolean startCopyLine() {
        if (!has(pos)) {
            inCopy = false;
            pos = textEnd();
            return false;
        }
        int lineEnd = text.indexOf("\n", pos, end);
        int stop = lineEnd < 0 || lineEnd > end ? textEnd() : lineEnd;
        if (isEndMarker(pos, stop)) {
            inCopy = false;
            pos = stop;
            return false;
        }
        copyServedTo = lineEnd >= 0 && lineEnd < end ? lineEnd + 1 : stop;
        return true;
    }

    private void skipCopyData() {
        char[] scratch = inCopy ? new char[8192] : null;
        while (inCopy) {
            readCopyData(scratch, 0, scratch.length);
        }
    }

    /** Whether the line {@code [from, to)} is psql's end of data, {@code \.}, give or take white space. */
    private boolean isEndMarker(int from, int to) {
        int first = from;
        int last = to;
        while (first < last && Character.isWhitespace(text.at(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(text.at(last - 1))) {
            last--;
        }
        return last - first == 2 && text.at(first) == '\\' && text.at(first + 1) == '.';
    }

    private void reset() {
        start = -1;
        code.setLength(0);
        atomicDepth = 0;
    }

    private void space() {
        if (code.length() > 0 && code.charAt(code.length() - 1) != ' ') {
            code.append(' ');
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return has(i) ? text.at(i) : '\0';
    }

    private boolean has(int offset) {
        return offset < end && text.has(offset);
    }

    /** Where the text being split ends: its region's end, or the file's when that comes first. */
    private int textEnd() {
        return has(end - 1) ? end : text.available();
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c) || c == '$';
    }

    // A dollar-quote tag is an identifier without '$'.
    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || Character.isDigit(c);
    }
}
