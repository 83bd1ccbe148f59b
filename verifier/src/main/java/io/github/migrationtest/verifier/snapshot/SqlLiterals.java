package io.github.migrationtest.verifier.snapshot;

import java.util.ArrayList;
import java.util.List;

/** Writes and reads lists of strings as SQL literals: {@code 'happy', 'it''s ok'}. */
final class SqlLiterals {
    private SqlLiterals() {
    }

    static String list(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append('\'').append(value.replace("'", "''")).append('\'');
        }
        return out.toString();
    }

    static List<String> parseList(String text) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '\'') {
                throw new IllegalArgumentException("expected a quoted literal at offset " + i + " of: " + text);
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= text.length()) {
                    throw new IllegalArgumentException("unterminated literal in: " + text);
                }
                char c = text.charAt(i++);
                if (c == '\'') {
                    if (i < text.length() && text.charAt(i) == '\'') {
                        value.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    value.append(c);
                }
            }
            values.add(value.toString());
            if (text.startsWith(", ", i)) {
                i += 2;
            } else if (i < text.length()) {
                throw new IllegalArgumentException("expected ', ' at offset " + i + " of: " + text);
            }
        }
        return values;
    }
}
