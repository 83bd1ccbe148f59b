package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;

/** Quotes and splits dotted names the way Postgres writes identifiers. */
public final class Identifiers {
    private Identifiers() {
    }

    /**
     * Quotes an identifier only when Postgres would need it to keep its spelling. Names with
     * control characters use Postgres's {@code U&"..."} escapes so that a name stays on one line.
     */
    public static String quote(String identifier) {
        if (isPlain(identifier)) {
            return identifier;
        }
        if (identifier.chars().noneMatch(Identifiers::isControl)) {
            return '"' + identifier.replace("\"", "\"\"") + '"';
        }
        StringBuilder out = new StringBuilder("U&\"");
        for (char c : identifier.toCharArray()) {
            if (c == '"') {
                out.append("\"\"");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (isControl(c)) {
                out.append(String.format("\\%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Same as the pattern {@code [a-z_][a-z0-9_$]*}, without a regex: this runs for every name of a snapshot. */
    private static boolean isPlain(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || c == '_';
            boolean more = i > 0 && ((c >= '0' && c <= '9') || c == '$');
            if (!letter && !more) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a character cannot stand as itself on one line of the text form: it would end the
     * line (in some editor or reader) or not show. Names and values both escape these.
     */
    static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** Joins identifiers with dots, quoting each as needed: {@code public."Users".email}. */
    public static String qualify(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(quote(part));
        }
        return out.toString();
    }

    /**
     * Splits {@code text} into dotted identifiers from its start; stops at the first character
     * that cannot continue a name (for routines, the argument list), which {@link Split#rest()}
     * holds.
     */
    static Split split(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            StringBuilder part = new StringBuilder();
            boolean unicode = text.startsWith("U&\"", i);
            if (unicode) {
                i++;
                i++;
            }
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted identifier in: " + text);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else if (unicode && c == '\\') {
                        if (text.charAt(i) == '\\') {
                            part.append('\\');
                            i++;
                        } else {
                            part.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                            i += 4;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '(') {
                    part.append(text.charAt(i++));
                }
            }
            parts.add(part.toString());
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        return new Split(List.copyOf(parts), text.substring(i));
    }

    record Split(List<String> parts, String rest) {
        String part(int index, String whole) {
            if (index >= parts.size()) {
                throw new IllegalArgumentException("expected more name parts in: " + whole);
            }
            return parts.get(index);
        }
    }
}
