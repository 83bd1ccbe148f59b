package io.github.migrationtest.verifier.report;

import java.util.Iterator;
import java.util.Map;

/** Just enough JSON writing for the reports: objects, arrays, strings, numbers, booleans, null. */
public final class Json {

    private Json() {
    }

    public static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** Writes {@code {"k": v, ...}} where each value is already JSON. */
    public static String object(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        Iterator<Map.Entry<String, String>> entries = fields.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, String> entry = entries.next();
            object.append(string(entry.getKey())).append(':').append(entry.getValue());
            if (entries.hasNext()) {
                object.append(',');
            }
        }
        return object.append('}').toString();
    }

    public static String array(Iterable<String> values) {
        return "[" + String.join(",", values) + "]";
    }
}
