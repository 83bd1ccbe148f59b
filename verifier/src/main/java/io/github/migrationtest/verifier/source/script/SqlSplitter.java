package io.github.migrationtest.verifier.source.script;

import java.util.ArrayList;
import java.util.List;
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

    private final String text;
    private final int end;
    private final LineIndex lines;
    private final List<SqlStatement> statements = new ArrayList<>();

    private int pos;
    private int start = -1;
    private final StringBuilder code = new StringBuilder();
    private int atomicDepth;

    SqlSplitter(String text, int from, int to, LineIndex lines) {
        this.text = text;
        this.pos = from;
        this.end = to;
        this.lines = lines;
    }

    List<SqlStatement> split() {
        while (pos < end) {
            char c = text.charAt(pos);
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
                readCopyDataIfAny();
            } else {
                if (start < 0) {
                    start = pos;
                }
                token(c);
            }
        }
        if (start >= 0) {
            finishStatement(end);
        }
        return statements;
    }

    private void token(char c) {
        if (c == '\'') {
            skipString(false);
        } else if (c == '"') {
            int from = pos;
            skipQuoted('"');
            code.append(text, from, pos);
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
        while (pos < end && isIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        String word = text.substring(from, pos).toUpperCase(Locale.ROOT);
        if (pos < end && text.charAt(pos) == '\'' && (word.equals("E"))) {
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
        while (pos < end) {
            char c = text.charAt(pos);
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
        pos = Math.min(pos, end);
        code.append("''");
    }

    private void skipQuoted(char quote) {
        pos++;
        while (pos < end) {
            if (text.charAt(pos) == quote) {
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
        String tag = text.substring(pos, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        pos = close < 0 || close >= end ? end : close + tag.length();
        code.append("$$");
    }

    /** The offset after a dollar-quote opening tag ({@code $$} or {@code $tag$}) at {@code at}, or -1. */
    private int dollarTagEnd(int at) {
        int i = at + 1;
        if (i < end && text.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= end || !isIdentifierStart(text.charAt(i))) {
            return -1;
        }
        while (i < end && isTagPart(text.charAt(i))) {
            i++;
        }
        return i < end && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private void skipLineComment() {
        while (pos < end && text.charAt(pos) != '\n') {
            pos++;
        }
        space();
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < end) {
            if (text.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (text.charAt(pos) == '*' && peek(1) == '/') {
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
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        String normalised = code.toString().trim();
        statements.add(new SqlStatement(
                text.substring(start, last), normalised, start, lines.line(start), lines.column(start), null, 0));
        reset();
    }

    private void readCopyDataIfAny() {
        if (statements.isEmpty()) {
            return;
        }
        SqlStatement last = statements.get(statements.size() - 1);
        if (last.copyData() != null || !COPY_FROM_STDIN.matcher(last.code()).matches()) {
            return;
        }
        // The data starts on the line after the command, as in psql.
        int newline = text.indexOf('\n', pos);
        int dataStart = newline < 0 || newline >= end ? end : newline + 1;
        int lineStart = dataStart;
        int dataEnd = end;
        int resume = end;
        while (lineStart < end) {
            int lineEnd = text.indexOf('\n', lineStart);
            int stop = lineEnd < 0 || lineEnd > end ? end : lineEnd;
            String line = text.substring(lineStart, stop);
            if (line.strip().equals("\\.")) {
                dataEnd = lineStart;
                resume = stop;
                break;
            }
            lineStart = stop + 1;
        }
        String data = dataStart >= dataEnd ? "" : text.substring(dataStart, dataEnd);
        statements.set(statements.size() - 1, new SqlStatement(
                last.sql(), last.code(), last.offset(), last.line(), last.column(), data, lines.line(dataStart)));
        pos = resume;
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
        return i < end ? text.charAt(i) : '\0';
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
