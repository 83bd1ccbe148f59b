package io.github.migrationtest.verifier.fix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Relation options as the snapshot lists them ({@code fillfactor=70, security_barrier=true}): set and reset. */
final class StorageOptions {
    private StorageOptions() {
    }

    /**
     * The statements that change {@code from} into {@code to} on a relation.
     *
     * @param alter the statement's start, e.g. {@code ALTER TABLE public.users}
     */
    static List<String> change(String alter, String from, String to) {
        Map<String, String> before = parse(from);
        Map<String, String> after = parse(to);
        List<String> reset = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
        List<String> set = new ArrayList<>();
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                set.add(key + "=" + value);
            }
        });
        List<String> statements = new ArrayList<>();
        if (!reset.isEmpty()) {
            statements.add(alter + " RESET (" + String.join(", ", reset) + ")");
        }
        if (!set.isEmpty()) {
            statements.add(alter + " SET (" + String.join(", ", set) + ")");
        }
        return statements;
    }

    private static Map<String, String> parse(String options) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (options != null) {
            for (String option : options.split(", ")) {
                int equals = option.indexOf('=');
                parsed.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        return parsed;
    }
}
