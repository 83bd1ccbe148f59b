package io.github.migrationtest.verifier.source.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A TOML file as dotted keys ({@code flyway.placeholders.prefix}), read with Jackson's TOML module, the one
 * Flyway itself reads {@code flyway.toml} with. Touched only when there is such a file, so the module stays
 * optional.
 */
final class TomlTables {

    private static final String MAPPER = "tools.jackson.dataformat.toml.TomlMapper";

    private TomlTables() {
    }

    /** Arrays become comma-separated values, as in {@code flyway.conf}. */
    static Map<String, String> read(Path file) {
        if (!present()) {
            throw new IllegalArgumentException(file + ": reading a TOML file needs tools.jackson.dataformat:"
                    + "jackson-dataformat-toml on the class path (Flyway needs it for the same file); add it, or use"
                    + " flyway.conf");
        }
        Map<?, ?> tables;
        try {
            tables = new tools.jackson.dataformat.toml.TomlMapper().readValue(
                    Files.readString(file, StandardCharsets.UTF_8), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not valid TOML: " + e.getMessage().lines().findFirst().orElse("")
                    + "; fix the file", e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", tables, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> table, Map<String, String> flat) {
        for (Map.Entry<?, ?> entry : table.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> inner) {
                flatten(key + ".", inner, flat);
            } else if (entry.getValue() instanceof List<?> items) {
                flat.put(key, items.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else {
                flat.put(key, String.valueOf(entry.getValue()));
            }
        }
    }

    private static boolean present() {
        try {
            Class.forName(MAPPER, false, TomlTables.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
