package io.github.migrationtest.verifier.snapshot;

/**
 * How a property value is written on a line of the text form: bare when that is unambiguous,
 * as an indented block when it spans lines (function bodies, views), else as {@code E"..."} with
 * backslash escapes (empty values, edge spaces, control characters).
 */
final class TextValues {
    static final String BLOCK = "|";
    static final String BLOCK_INDENT = "    ";
    private static final String ESCAPED = "E\"";

    private TextValues() {
    }

    static boolean isBlock(String value) {
        if (value.indexOf('\n') < 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Identifiers.isControl(c) && c != '\n' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The one-line form of a value that is not written as a block. */
    static String inline(String value) {
        return isBare(value) ? value : quote(value);
    }

    private static boolean isBare(String value) {
        if (value.isEmpty() || value.equals(BLOCK) || value.startsWith(ESCAPED)
                || Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(value.length() - 1))) {
            return false;
        }
        return value.chars().noneMatch(Identifiers::isControl);
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder(ESCAPED);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Identifiers.isControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Reads a one-line value back. */
    static String parseInline(String text) {
        if (!text.startsWith(ESCAPED)) {
            return text;
        }
        if (text.length() < 3 || !text.endsWith("\"")) {
            throw new IllegalArgumentException("unterminated escaped value: " + text);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 2; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
