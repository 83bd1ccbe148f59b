package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.SourceOptions.FlywayOptions;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Puts the settings a user gave (from Spring Boot's {@code spring.flyway.*}, say) on a Flyway configuration. */
final class FlywaySettings {

    private FlywaySettings() {
    }

    /** Only what is set: everything else keeps Flyway's default, as in the user's own runs. */
    static void apply(FlywayOptions settings, FluentConfiguration configuration) {
        if (!settings.schemas().isEmpty()) {
            configuration.schemas(settings.schemas().toArray(String[]::new));
        }
        if (settings.defaultSchema() != null) {
            configuration.defaultSchema(settings.defaultSchema());
        }
        if (settings.table() != null) {
            configuration.table(settings.table());
        }
        if (settings.placeholderPrefix() != null) {
            configuration.placeholderPrefix(settings.placeholderPrefix());
        }
        if (settings.placeholderSuffix() != null) {
            configuration.placeholderSuffix(settings.placeholderSuffix());
        }
        if (settings.placeholderReplacement() != null) {
            configuration.placeholderReplacement(settings.placeholderReplacement());
        }
    }
}
