package io.github.migrationtest.verifier.snapshot;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads an object's properties back from the text form and rejects any it does not know. */
final class PropertyReader {
    private final Map<String, String> values;
    private final Set<String> used = new HashSet<>();

    PropertyReader(Map<String, String> values) {
        this.values = values;
    }

    String get(String key) {
        used.add(key);
        return values.get(key);
    }

    String require(String key) {
        String value = get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing property '" + key + "'");
        }
        return value;
    }

    boolean flag(String key) {
        String value = get(key);
        if (value != null && !Props.TRUE.equals(value)) {
            throw new IllegalArgumentException("property '" + key + "' must be 'true' but was: " + value);
        }
        return value != null;
    }

    long number(String key) {
        try {
            return Long.parseLong(require(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + key + "' must be a number", e);
        }
    }

    /** The properties whose key starts with {@code prefix}, by the unquoted rest of the key. */
    Map<String, String> named(String prefix) {
        return named(prefix, null);
    }

    /**
     * The same, leaving out keys that start with {@code except}, a longer prefix of other properties ({@code attribute
     * comment x} beside {@code attribute x}: an unquoted name has no space, so no attribute's key starts that way).
     */
    Map<String, String> named(String prefix, String except) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && (except == null || !key.startsWith(except))) {
                used.add(key);
                Identifiers.Split name = Identifiers.split(key.substring(prefix.length()));
                out.put(name.part(0, key), value);
            }
        });
        return out;
    }

    void requireAllUsed() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("unknown property '" + key + "'");
            }
        }
    }
}
