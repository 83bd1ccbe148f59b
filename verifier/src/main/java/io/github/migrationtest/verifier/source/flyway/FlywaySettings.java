package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.SourceOptions.FlywayOptions;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.baseline.BaselineMigrationConfigurationExtension;

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
        if (settings.validateMigrationNaming() != null) {
            // True, migrate refuses a file in the locations whose name Flyway cannot read, as the user's own runs do.
            configuration.validateMigrationNaming(settings.validateMigrationNaming());
        }
        names(settings.names(), configuration);
    }

    /**
     * The file names, so that Flyway runs the versions the verifier read. {@code undoSqlMigrationPrefix} is the
     * verifier's alone: community Flyway has no undo, and the {@code U} scripts are run by the verifier.
     */
    private static void names(FlywayNames names, FluentConfiguration configuration) {
        if (names.sqlMigrationPrefix() != null) {
            configuration.sqlMigrationPrefix(names.sqlMigrationPrefix());
        }
        if (names.repeatableSqlMigrationPrefix() != null) {
            configuration.repeatableSqlMigrationPrefix(names.repeatableSqlMigrationPrefix());
        }
        if (names.sqlMigrationSeparator() != null) {
            configuration.sqlMigrationSeparator(names.sqlMigrationSeparator());
        }
        if (!names.sqlMigrationSuffixes().isEmpty()) {
            configuration.sqlMigrationSuffixes(names.sqlMigrationSuffixes().toArray(String[]::new));
        }
        if (names.baselineMigrationPrefix() != null) {
            configuration.getConfigurationExtension(BaselineMigrationConfigurationExtension.class)
                    .setBaselineMigrationPrefix(names.baselineMigrationPrefix());
        }
    }
}
