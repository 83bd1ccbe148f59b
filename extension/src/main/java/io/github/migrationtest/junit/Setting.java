package io.github.migrationtest.junit;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One configured value and where it came from, so that a bad value is reported in the words the
 * user must look for: {@code @MigrationTest(backend)} or {@code migrationtest.postgres.backend}.
 *
 * @param origin the attribute or key the value came from
 * @param value the value as written (an array attribute's entries joined with {@code ", "})
 * @param entries an array attribute's entries; {@code null} for a single text value
 */
record Setting(String origin, String value, List<String> entries) {

    Setting(String origin, String value) {
        this(origin, value, null);
    }

    static Setting ofEntries(String origin, List<String> entries) {
        return new Setting(origin, String.join(", ", entries), List.copyOf(entries));
    }

    /** Parses the value; a parser's {@link IllegalArgumentException} message says what is allowed. */
    <T> T parse(Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** An array attribute's entries, or the text split at {@code separator}; trimmed, empty ones left out. */
    List<String> list(String separator) {
        List<String> raw = entries != null ? entries : Arrays.asList(value.split(separator));
        return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    ExtensionConfigurationException invalid(String allowed) {
        return new ExtensionConfigurationException(
                String.format("Invalid value for %s: '%s'. Allowed: %s", origin, value, allowed));
    }
}
