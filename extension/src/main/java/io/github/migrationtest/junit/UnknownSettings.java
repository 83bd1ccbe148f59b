package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.UnknownKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Warns, once per run, of {@code migrationtest.*} names that no setting reads: system properties,
 * environment variables and the keys of {@code junit-platform.properties} (the configuration
 * parameters a launcher passes cannot be listed). A typo would otherwise leave the default in force.
 */
final class UnknownSettings {

    /** The report entry each warning is published under. */
    static final String REPORT_KEY = "migrationtest.unknownSetting";
    private static final String CHECKED = "unknown settings checked";
    private static final String PROPERTIES_FILE = "junit-platform.properties";

    private UnknownSettings() {
    }

    /** Warns in the test output and the class's report, the first time a class of this run asks. */
    static void warnOnce(ExtensionContext context) {
        Stores.store(context.getRoot()).getOrComputeIfAbsent(CHECKED, key -> {
            List<String> warnings = find(context.getRequiredTestClass().getClassLoader());
            for (String warning : warnings) {
                // Standard error as well: Maven's console shows a test's output, not its report entries.
                System.err.println("migrationtest: " + warning);
                context.publishReportEntry(REPORT_KEY, warning);
            }
            return warnings;
        }, List.class);
    }

    static List<String> find(ClassLoader loader) {
        UnknownKeys unknown = new UnknownKeys(knownKeys(), Integer.MAX_VALUE);
        List<String> warnings = new ArrayList<>(unknown.inThisProcess());
        try {
            for (URL file : Collections.list(loader.getResources(PROPERTIES_FILE))) {
                warnings.addAll(unknown.keys(keysIn(file), PROPERTIES_FILE + " at " + file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + PROPERTIES_FILE + ": " + e.getMessage(), e);
        }
        return warnings;
    }

    /** The verifier's keys and every {@code *_PROPERTY_NAME} of {@link MigrationTest}, so a new key is known at once. */
    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(UnknownKeys.VERIFIER_KEYS);
        for (Field field : MigrationTest.class.getFields()) {
            if (field.getName().endsWith("_PROPERTY_NAME")) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("an annotation's constants are public", e);
                }
            }
        }
        return keys;
    }

    private static List<String> keysIn(URL file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = file.openStream()) {
            properties.load(in);
        }
        return Arrays.asList(properties.stringPropertyNames().toArray(String[]::new));
    }
}
