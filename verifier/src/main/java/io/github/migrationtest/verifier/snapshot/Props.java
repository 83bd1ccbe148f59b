package io.github.migrationtest.verifier.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an object's ordered properties, leaving absent values and false flags out. */
final class Props {
    static final String TRUE = "true";

    private final Map<String, String> values = new LinkedHashMap<>();

    Props put(String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    Props flag(String key, boolean on) {
        return on ? put(key, TRUE) : this;
    }

    Props putAll(String keyPrefix, Map<String, String> named) {
        named.forEach((name, value) -> put(keyPrefix + Identifiers.quote(name), value));
        return this;
    }

    Map<String, String> build() {
        return Collections.unmodifiableMap(values);
    }
}
