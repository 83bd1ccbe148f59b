package io.github.migrationtest.junit.assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a name as Postgres reads an identifier in SQL: unquoted parts fold to lower case
 * ({@code Users} is {@code users}), double-quoted parts keep their spelling ({@code "Users"}), and
 * a dot separates the schema ({@code audit.log}).
 */
final class Names {

    private Names() {
    }

    /** The parts of a possibly qualified name: {@code ["audit", "log"]}, or just {@code ["log"]}. */
    static List<String> parse(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    part.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == '.') {
                parts.add(finish(part, wasQuoted));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quoted identifier in: " + text);
        }
        parts.add(finish(part, wasQuoted));
        return parts;
    }

    private static String finish(StringBuilder part, boolean quoted) {
        String text = part.toString();
        return quoted ? text : text.trim().toLowerCase(Locale.ROOT);
    }

    /** A name that is one identifier, possibly qualified: its schema (or {@code null}) and its name. */
    record Qualified(String schema, String name) {
        static Qualified of(String text) {
            List<String> parts = parse(text);
            if (parts.size() > 2) {
                throw new IllegalArgumentException("Expected name or schema.name but was: " + text);
            }
            return parts.size() == 2 ? new Qualified(parts.get(0), parts.get(1)) : new Qualified(null, parts.get(0));
        }

        boolean matches(String objectSchema, String objectName) {
            return name.equals(objectName) && (schema == null || schema.equals(objectSchema));
        }
    }
}
