package io.github.migrationtest.verifier.source.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeatable {@code name=value} options ({@code --placeholder}, {@code --parameter}), checked one by one. */
public final class NameValues {

    private NameValues() {
    }

    /**
     * The values by name, the last of a repeated name winning, as the tools' own options do.
     *
     * @throws IllegalArgumentException naming the option and the value when one is not {@code name=value}
     */
    public static Map<String, String> parse(String option, List<String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String item : given) {
            int equals = item.indexOf('=');
            if (equals <= 0 || item.substring(0, equals).isBlank()) {
                throw new IllegalArgumentException(option + " " + item + ": expected <name>=<value>, e.g. " + option
                        + " schema_prefix=app (an empty value is <name>=)");
            }
            values.put(item.substring(0, equals).strip(), item.substring(equals + 1));
        }
        return values;
    }
}
