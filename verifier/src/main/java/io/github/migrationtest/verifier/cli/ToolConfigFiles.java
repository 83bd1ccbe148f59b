package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.config.FlywayConfig;
import io.github.migrationtest.verifier.source.config.LiquibaseConfig;
import io.github.migrationtest.verifier.source.config.NameValues;
import io.github.migrationtest.verifier.source.config.ToolConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's reading of the migration tools' own configuration (outside Spring Boot): where the
 * files are looked for, which tool's settings apply, and options given for the wrong tool.
 */
final class ToolConfigFiles {

    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private final Map<String, String> environment = System.getenv();
    private final Path flywayConfig;
    private final Path defaultsFile;
    private final Map<String, String> placeholders;
    private final Map<String, String> parameters;

    ToolConfigFiles(Path flywayConfig, Path defaultsFile, List<String> placeholders, List<String> parameters) {
        this.flywayConfig = flywayConfig;
        this.defaultsFile = defaultsFile;
        this.placeholders = NameValues.parse(FlywayConfig.PLACEHOLDER_OPTION, placeholders);
        this.parameters = NameValues.parse(LiquibaseConfig.PARAMETER_OPTION, parameters);
    }

    /** The history the tools' files name, for a run given no location: Flyway's {@code locations}, else Liquibase's changelog. */
    Optional<String> namedLocation() {
        Optional<String> flyway = FlywayConfig.read(workingDirectory, flywayConfig, environment, placeholders, false).location();
        Optional<String> liquibase = LiquibaseConfig.read(workingDirectory, defaultsFile, environment, parameters, false).location();
        if (flyway.isPresent() && liquibase.isPresent()) {
            throw new IllegalArgumentException("No location given, and both Flyway's configuration (locations) and"
                    + " Liquibase's (changelogFile) name a history here: give the history's location");
        }
        return flyway.or(() -> liquibase);
    }

    /**
     * The type the location is read as; when Flyway's own configuration names the files otherwise
     * ({@code flyway.sqlMigrationPrefix=} for timestamp names, say), as read with those names, which can make a
     * folder Flyway's that the default names would not.
     */
    SourceType detect(String location, SourceOptions options, boolean spring, boolean locationGiven) {
        SourceType type = MigrationSources.detect(location, options);
        if (type == SourceType.FLYWAY || spring || options.type() != null) {
            return type;
        }
        ToolConfig flyway = FlywayConfig.read(workingDirectory, flywayConfig, environment, placeholders, locationGiven);
        if (flyway.isEmpty()) {
            return type;
        }
        SourceOptions named = flyway.applyTo(options);
        return named.flyway().names().isDefault() ? type
                : MigrationSources.detect(location, named) == SourceType.FLYWAY ? SourceType.FLYWAY : type;
    }

    /**
     * The configuration of the tool that runs the history; with Spring Boot's settings in use, only the
     * options (the application's files say the rest).
     *
     * @throws IllegalArgumentException for an option of the other tool, saying which tool the history is read with
     */
    Optional<ToolConfig> config(SourceType type, String location, boolean spring, boolean locationGiven) {
        if (spring && (flywayConfig != null || defaultsFile != null)) {
            String option = flywayConfig != null ? "--flyway-config " + flywayConfig : "--defaults-file " + defaultsFile;
            throw new IllegalArgumentException(option + ": the history is the Spring Boot project's, whose spring.* settings"
                    + " apply; leave it out, or give the history's location to use the tool's own configuration");
        }
        ToolConfig config = null;
        if (type == SourceType.FLYWAY) {
            config = spring ? FlywayConfig.options(placeholders)
                    : FlywayConfig.read(workingDirectory, flywayConfig, environment, placeholders, locationGiven);
        } else {
            refuse(!placeholders.isEmpty(), FlywayConfig.PLACEHOLDER_OPTION, "Flyway", type, location);
            refuse(flywayConfig != null, "--flyway-config", "Flyway", type, location);
        }
        if (type == SourceType.LIQUIBASE) {
            config = spring ? LiquibaseConfig.options(parameters)
                    : LiquibaseConfig.read(workingDirectory, defaultsFile, environment, parameters, locationGiven);
        } else {
            refuse(!parameters.isEmpty(), LiquibaseConfig.PARAMETER_OPTION, "Liquibase", type, location);
            refuse(defaultsFile != null, "--defaults-file", "Liquibase", type, location);
        }
        return Optional.ofNullable(config).filter(c -> !c.isEmpty());
    }

    private static void refuse(boolean given, String option, String tool, SourceType type, String location) {
        if (given) {
            throw new IllegalArgumentException(option + " is for a " + tool + " history, but " + location + " is read as "
                    + type.name().toLowerCase(java.util.Locale.ROOT) + ": leave " + option + " out, or give --type "
                    + tool.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
