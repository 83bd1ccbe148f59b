package io.github.migrationtest.verifier.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds an object's ordered properties, leaving absent values and false flags out. */
final class Props {
    static final String TRUE = "true";
    /**
     * The properties that are flags: absent means off. A property is a name only, shared by every kind, and a value
     * of {@code true} can also be a default's or a setting's text, so which names are flags is listed here.
     */
    static final Set<String> FLAGS = Set.of("not null", "window", "via partition root", "unlogged", "strict",
            "security definer", "row level security", "restrictive", "leakproof", "invalid", "identity",
            "force row level security", "cycle", "clustered", "all tables");

    private final Map<String, String> values = new LinkedHashMap<>();

    Props put(String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    Props flag(String key, boolean on) {
        assert FLAGS.contains(key) : key + " is a flag: list it in Props.FLAGS";
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
