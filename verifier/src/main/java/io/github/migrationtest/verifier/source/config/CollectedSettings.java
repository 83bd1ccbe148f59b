package io.github.migrationtest.verifier.source.config;

import io.github.migrationtest.verifier.report.ReportedSetting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One tool's settings as they are read from several places, a later place winning over an earlier one
 * (files, then environment variables, then the command line), each remembering where it came from.
 */
final class CollectedSettings {

    /** By a key that ignores case: Flyway matches placeholder names so, and a setting read twice is one setting. */
    private final Map<String, ReportedSetting> settings = new LinkedHashMap<>();
    private final List<String> notApplied = new ArrayList<>();

    /** A setting read again takes the place of the first reading: the log lists settings in the order first read. */
    void put(String key, String value, String origin) {
        settings.put(key.toLowerCase(Locale.ROOT), new ReportedSetting(key, value, origin));
    }

    void notApplied(String name) {
        if (!notApplied.contains(name)) {
            notApplied.add(name);
        }
    }

    Optional<ReportedSetting> get(String key) {
        return Optional.ofNullable(settings.get(key.toLowerCase(Locale.ROOT)));
    }

    String value(String key) {
        return get(key).map(ReportedSetting::value).orElse(null);
    }

    void remove(String key) {
        settings.remove(key.toLowerCase(Locale.ROOT));
    }

    /** The values of the settings {@code <prefix>.<name>}, by name as written. */
    Map<String, String> map(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        settings.values().stream().filter(s -> s.name().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT) + "."))
                .forEach(s -> values.put(s.name().substring(prefix.length() + 1), s.value()));
        return values;
    }

    List<ReportedSetting> settings() {
        return List.copyOf(settings.values());
    }

    List<String> notApplied() {
        return List.copyOf(notApplied);
    }

    /** A properties file ({@code flyway.conf}, {@code liquibase.properties}), as UTF-8 as the tools read it. */
    static Properties load(Path file, String what) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " cannot be read as " + what + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
