package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds a setting: the annotation's attribute when set, else the JUnit configuration parameter
 * (which JUnit reads from the launcher, system properties, then {@code junit-platform.properties}),
 * else the environment variable of the same name.
 */
final class SettingLookup {

    private final ExtensionContext context;
    private final Function<String, Optional<String>> environment;

    SettingLookup(ExtensionContext context, Function<String, Optional<String>> environment) {
        this.context = context;
        this.environment = environment;
    }

    static SettingLookup of(ExtensionContext context) {
        return new SettingLookup(context, name -> Optional.ofNullable(System.getenv(name)));
    }

    /**
     * The setting for {@code key}, preferring the annotation's attribute; {@code attributeValue}
     * is a String, an int (0 for unset), an array (empty for unset) or an enum ({@code DEFAULT} for unset).
     */
    Optional<Setting> find(String attribute, Object attributeValue, String key) {
        return fromAnnotation(attribute, attributeValue).or(() -> fromKey(key));
    }

    /** The value of a key outside the annotation: configuration parameter, then environment. */
    Optional<String> configured(String key) {
        return fromKey(key).map(Setting::value);
    }

    /** A setting that has a key only, no attribute: configuration parameter, then environment. */
    Optional<Setting> fromKey(String key) {
        return context.getConfigurationParameter(key).filter(v -> !v.isBlank()).map(v -> new Setting(key, v))
                .or(() -> {
                    String variable = PostgresSettings.environmentName(key);
                    return environment.apply(variable).filter(v -> !v.isBlank()).map(v -> new Setting(variable, v));
                });
    }

    /** The annotation's attribute alone, for settings whose key is read elsewhere; see {@link #find}. */
    static Optional<Setting> fromAnnotation(String attribute, Object value) {
        String origin = "@MigrationTest(" + attribute + ")";
        if (value instanceof String text) {
            return text.isBlank() ? Optional.empty() : Optional.of(new Setting(origin, text));
        }
        if (value instanceof Integer number) {
            return number == 0 ? Optional.empty() : Optional.of(new Setting(origin, number.toString()));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().equals("DEFAULT") ? Optional.empty() : Optional.of(new Setting(origin, constant.name()));
        }
        if (value != null && value.getClass().isArray()) {
            List<String> entries = IntStream.range(0, Array.getLength(value))
                    .mapToObj(i -> String.valueOf(Array.get(value, i))).toList();
            return entries.isEmpty() ? Optional.empty() : Optional.of(Setting.ofEntries(origin, entries));
        }
        return Optional.empty();
    }
}
