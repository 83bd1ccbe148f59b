package io.github.migrationtest.verifier.source.config;

import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Liquibase's configuration as its command line reads it: {@code liquibase.properties} in the working
 * directory (or the {@code --defaults-file}), then {@code LIQUIBASE_COMMAND_*} environment variables, then the
 * {@code --parameter} options: changelog parameters ({@code parameter.<name>}), contexts, label filter, the
 * default and Liquibase schemas, and the changelog when no history was given.
 */
public final class LiquibaseConfig {

    public static final String DEFAULTS_FILE = "liquibase.properties";
    public static final String PARAMETER_OPTION = "--parameter";

    private static final String PARAMETER = "parameter";
    private static final String DEFAULT_SCHEMA = "defaultSchemaName";
    private static final String LIQUIBASE_SCHEMA = "liquibaseSchemaName";
    /** Liquibase's names, without {@code liquibase.command.} and ignoring case, dashes and underscores. */
    private static final Map<String, String> KEYS = Map.of("changelogfile", "changelogFile", "contexts", "contexts",
            "contextfilter", "contexts", "labels", "labels", "labelfilter", "labels",
            "defaultschemaname", DEFAULT_SCHEMA, "liquibaseschemaname", LIQUIBASE_SCHEMA);
    private static final Map<String, String> VARIABLES = Map.of("LIQUIBASE_COMMAND_CHANGELOG_FILE", "changelogFile",
            "LIQUIBASE_COMMAND_CONTEXTS", "contexts", "LIQUIBASE_COMMAND_CONTEXT_FILTER", "contexts",
            "LIQUIBASE_COMMAND_LABEL_FILTER", "labels", "LIQUIBASE_COMMAND_LABELS", "labels",
            "LIQUIBASE_COMMAND_DEFAULT_SCHEMA_NAME", DEFAULT_SCHEMA, "LIQUIBASE_LIQUIBASE_SCHEMA_NAME", LIQUIBASE_SCHEMA);
    /** The connection and the like: a disposable database ignores them, so they are not worth a note. */
    private static final Set<String> IGNORED = Set.of("url", "username", "password", "driver", "classpath", "referenceurl",
            "referenceusername", "referencepassword", "referencedriver", "loglevel", "logfile", "outputfile", "searchpath",
            "strict", "showbanner", "licensekey", "duplicatefilemode");

    private final CollectedSettings settings = new CollectedSettings();

    private LiquibaseConfig() {
    }

    /**
     * Reads the configuration.
     *
     * @param workingDirectory where {@code liquibase.properties} is looked for, and a relative changelog starts
     * @param file the {@code --defaults-file} given instead, or {@code null}
     * @param environment the environment variables ({@code LIQUIBASE_COMMAND_*})
     * @param parameters the {@code --parameter} values, which win
     * @param locationGiven whether the history was given, so {@code changelogFile} is not applied
     */
    public static ToolConfig read(Path workingDirectory, Path file, Map<String, String> environment,
                                  Map<String, String> parameters, boolean locationGiven) {
        LiquibaseConfig config = new LiquibaseConfig();
        Path defaults = file != null ? FlywayConfig.existing(file, "--defaults-file") : workingDirectory.resolve(DEFAULTS_FILE);
        if (Files.isRegularFile(defaults)) {
            config.readFile(defaults, file != null ? file.toString() : "./" + DEFAULTS_FILE);
        }
        environment.keySet().stream().filter(VARIABLES::containsKey).sorted()
                .forEach(name -> config.settings.put(VARIABLES.get(name), environment.get(name), name));
        parameters.forEach((name, value) -> config.settings.put(PARAMETER + "." + name, value, PARAMETER_OPTION));
        return config.result(workingDirectory, locationGiven);
    }

    /** Only the {@code --parameter} values: a Spring Boot project's settings come from its application files. */
    public static ToolConfig options(Map<String, String> parameters) {
        LiquibaseConfig config = new LiquibaseConfig();
        parameters.forEach((name, value) -> config.settings.put(PARAMETER + "." + name, value, PARAMETER_OPTION));
        return config.result(Path.of(""), true);
    }

    private void readFile(Path file, String origin) {
        Properties properties = CollectedSettings.load(file, "Liquibase's defaults file");
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            String value = properties.getProperty(key).strip();
            String name = key.replaceFirst("^liquibase\\.(command\\.)?", "");
            if (name.startsWith(PARAMETER + ".") && name.length() > PARAMETER.length() + 1) {
                settings.put(name, value, origin);
                return;
            }
            String canonical = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (KEYS.containsKey(canonical)) {
                settings.put(KEYS.get(canonical), value, origin);
            } else if (!IGNORED.contains(canonical)) {
                settings.notApplied(key);
            }
        });
    }

    private ToolConfig result(Path workingDirectory, boolean locationGiven) {
        Map<String, String> parameters = settings.map(PARAMETER);
        String contexts = settings.value("contexts");
        String labels = settings.value("labels");
        String defaultSchema = settings.value(DEFAULT_SCHEMA);
        String liquibaseSchema = settings.value(LIQUIBASE_SCHEMA);
        Optional<String> location = Optional.empty();
        String changelog = settings.value("changelogFile");
        if (changelog != null && locationGiven) {
            settings.remove("changelogFile");
            settings.notApplied("changelogFile (the location given wins)");
        } else if (changelog != null) {
            location = Optional.of(workingDirectory.resolve(changelog).normalize().toString());
        }
        return new ToolConfig("Liquibase", settings.settings(), settings.notApplied(), location, Optional.empty(),
                options -> withOurs(options, parameters, contexts, labels, defaultSchema, liquibaseSchema));
    }

    private static SourceOptions withOurs(SourceOptions options, Map<String, String> parameters, String contexts, String labels,
                                          String defaultSchema, String liquibaseSchema) {
        Map<String, String> merged = new LinkedHashMap<>(options.liquibase().parameters());
        merged.putAll(parameters);
        SourceOptions result = options.withLiquibaseParameters(merged);
        result = contexts == null ? result : result.withLiquibaseContexts(contexts);
        result = labels == null ? result : result.withLiquibaseLabels(labels);
        if (defaultSchema == null && liquibaseSchema == null) {
            return result;
        }
        return result.withLiquibaseSchemas(defaultSchema != null ? defaultSchema : result.liquibase().defaultSchema(),
                liquibaseSchema != null ? liquibaseSchema : result.liquibase().liquibaseSchema());
    }
}
