package io.github.migrationtest.verifier.source.config;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceOptions.FlywayOptions;
import io.github.migrationtest.verifier.source.flyway.FlywaySourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's configuration as its command line reads it: {@code flyway.conf} and {@code flyway.toml} in the
 * working directory (or the file named), then {@code FLYWAY_*} environment variables, then the
 * {@code --placeholder} options; the settings that change what runs (placeholders, schemas, history table,
 * file names, and the locations when no history was given).
 */
public final class FlywayConfig {

    public static final String CONF = "flyway.conf";
    public static final String TOML = "flyway.toml";
    public static final String PLACEHOLDER_OPTION = "--placeholder";

    private static final String PLACEHOLDERS = "placeholders";
    private static final Set<String> APPLIED = Set.of("locations", "schemas", "defaultSchema", "table", "placeholderPrefix",
            "placeholderSuffix", "placeholderReplacement", "sqlMigrationPrefix", "undoSqlMigrationPrefix",
            "repeatableSqlMigrationPrefix", "baselineMigrationPrefix", "sqlMigrationSeparator", "sqlMigrationSuffixes",
            "validateMigrationNaming");
    /** Connection and run switches: they do not change the history, and a disposable database ignores them. */
    private static final Set<String> IGNORED = Set.of("url", "user", "password", "driver", "connectRetries",
            "connectRetriesInterval", "initSql", "environment", "configFiles", "cleanDisabled", "validateOnMigrate",
            "baselineOnMigrate", "outOfOrder", "mixed", "group", "installedBy", "createSchemas",
            "failOnMissingLocations", "loggers", "workingDirectory", "reportEnabled", "reportFilename", "jarDirs",
            "encoding", "detectEncoding", "cleanOnValidationError", "ignoreMigrationPatterns", "target", "baselineVersion",
            "baselineDescription", "lockRetryCount");
    private static final Map<String, String> VARIABLES = Map.ofEntries(Map.entry("FLYWAY_LOCATIONS", "locations"),
            Map.entry("FLYWAY_SCHEMAS", "schemas"), Map.entry("FLYWAY_DEFAULT_SCHEMA", "defaultSchema"),
            Map.entry("FLYWAY_TABLE", "table"), Map.entry("FLYWAY_PLACEHOLDER_PREFIX", "placeholderPrefix"),
            Map.entry("FLYWAY_PLACEHOLDER_SUFFIX", "placeholderSuffix"),
            Map.entry("FLYWAY_PLACEHOLDER_REPLACEMENT", "placeholderReplacement"),
            Map.entry("FLYWAY_SQL_MIGRATION_PREFIX", "sqlMigrationPrefix"),
            Map.entry("FLYWAY_UNDO_SQL_MIGRATION_PREFIX", "undoSqlMigrationPrefix"),
            Map.entry("FLYWAY_REPEATABLE_SQL_MIGRATION_PREFIX", "repeatableSqlMigrationPrefix"),
            Map.entry("FLYWAY_BASELINE_MIGRATION_PREFIX", "baselineMigrationPrefix"),
            Map.entry("FLYWAY_SQL_MIGRATION_SEPARATOR", "sqlMigrationSeparator"),
            Map.entry("FLYWAY_SQL_MIGRATION_SUFFIXES", "sqlMigrationSuffixes"),
            Map.entry("FLYWAY_VALIDATE_MIGRATION_NAMING", "validateMigrationNaming"));
    private static final String PLACEHOLDER_VARIABLE = "FLYWAY_PLACEHOLDERS_";
    private static final Pattern CONF_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern TOML_VARIABLE = Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)}");

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final CollectedSettings settings = new CollectedSettings();

    private FlywayConfig(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /**
     * Reads the configuration.
     *
     * @param workingDirectory where {@code flyway.conf} / {@code flyway.toml} are looked for, and relative
     *     locations start
     * @param file the file given instead of those ({@code --flyway-config}), or {@code null}
     * @param environment the environment variables ({@code FLYWAY_*}; {@code ${NAME}} in a conf file,
     *     {@code ${env.NAME}} in a TOML file)
     * @param placeholders the {@code --placeholder} values, which win
     * @param locationGiven whether the history's location was given, so {@code locations} is not applied
     * @throws IllegalArgumentException for a file that is missing or cannot be read, naming it
     */
    public static ToolConfig read(Path workingDirectory, Path file, Map<String, String> environment,
                                  Map<String, String> placeholders, boolean locationGiven) {
        FlywayConfig config = new FlywayConfig(workingDirectory, environment);
        if (file != null) {
            config.readFile(existing(file, "--flyway-config"));
        } else {
            for (String name : List.of(CONF, TOML)) {
                Path candidate = workingDirectory.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    config.readFile(candidate);
                }
            }
        }
        config.readEnvironment();
        placeholders.forEach((name, value) -> config.settings.put(PLACEHOLDERS + "." + name, value, PLACEHOLDER_OPTION));
        return config.result(locationGiven);
    }

    /** Only the {@code --placeholder} values: a Spring Boot project's settings come from its application files. */
    public static ToolConfig options(Map<String, String> placeholders) {
        FlywayConfig config = new FlywayConfig(Path.of(""), Map.of());
        placeholders.forEach((name, value) -> config.settings.put(PLACEHOLDERS + "." + name, value, PLACEHOLDER_OPTION));
        return config.result(true);
    }

    static Path existing(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file; give the path of an existing file");
        }
        return file;
    }

    private void readFile(Path file) {
        String origin = display(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml")) {
            readToml(TomlTables.read(file), origin);
        } else {
            readConf(file, origin);
        }
    }

    private void readConf(Path file, String origin) {
        Properties properties = CollectedSettings.load(file, "Flyway's configuration");
        properties.stringPropertyNames().stream().sorted().forEach(key -> {
            String value = substitute(properties.getProperty(key).strip(), CONF_VARIABLE);
            if (key.startsWith("flyway.")) {
                setting(key.substring("flyway.".length()), value, origin, key);
            }
        });
    }

    /** {@code [flyway]}, and the environment's {@code [environments.<name>]} schemas and {@code .flyway} overrides. */
    private void readToml(Map<String, String> flat, String origin) {
        String environmentName = Optional.ofNullable(environment.get("FLYWAY_ENVIRONMENT"))
                .or(() -> Optional.ofNullable(environment.get("flyway_environment")))
                .orElse(flat.getOrDefault("flyway.environment", "default"));
        String ours = "environments." + environmentName + ".";
        flat.forEach((key, raw) -> {
            String value = substitute(raw, TOML_VARIABLE);
            if (key.startsWith("flyway.")) {
                setting(key.substring("flyway.".length()), value, origin, key);
            }
        });
        flat.forEach((key, raw) -> {
            String value = substitute(raw, TOML_VARIABLE);
            if (key.equals(ours + "schemas")) {
                setting("schemas", value, origin, key);
            } else if (key.startsWith(ours + "flyway.")) {
                setting(key.substring((ours + "flyway.").length()), value, origin, key);
            }
        });
    }

    private void readEnvironment() {
        environment.keySet().stream().sorted().forEach(name -> {
            if (name.startsWith(PLACEHOLDER_VARIABLE) && name.length() > PLACEHOLDER_VARIABLE.length()) {
                // Flyway lower-cases the name; it matches placeholders ignoring case anyway.
                settings.put(PLACEHOLDERS + "." + name.substring(PLACEHOLDER_VARIABLE.length()).toLowerCase(Locale.ENGLISH),
                        environment.get(name), name);
            } else if (VARIABLES.containsKey(name)) {
                settings.put(VARIABLES.get(name), environment.get(name), name);
            }
        });
    }

    private void setting(String key, String value, String origin, String written) {
        String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        if (top.equals(PLACEHOLDERS) && key.length() > top.length() + 1) {
            settings.put(key, value, origin);
        } else if (APPLIED.contains(key)) {
            settings.put(key, value, origin);
        } else if (!IGNORED.contains(top) && !top.equals("jdbcProperties")) {
            settings.notApplied(written);
        }
    }

    private String substitute(String value, Pattern variable) {
        Matcher matcher = variable.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            // Unset, it stays as written, as Flyway leaves it.
            matcher.appendReplacement(result, Matcher.quoteReplacement(environment.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(result).toString();
    }

    private ToolConfig result(boolean locationGiven) {
        Map<String, String> placeholders = settings.map(PLACEHOLDERS);
        List<String> schemas = list(settings.value("schemas"));
        String defaultSchema = settings.value("defaultSchema");
        String table = settings.value("table");
        String prefix = settings.value("placeholderPrefix");
        String suffix = settings.value("placeholderSuffix");
        String replacement = settings.value("placeholderReplacement");
        String suffixes = settings.value("sqlMigrationSuffixes");
        FlywayNames names = new FlywayNames(settings.value("sqlMigrationPrefix"), settings.value("undoSqlMigrationPrefix"),
                settings.value("repeatableSqlMigrationPrefix"), settings.value("baselineMigrationPrefix"),
                settings.value("sqlMigrationSeparator"), suffixes == null ? null : list(suffixes));
        Optional<String> location = Optional.empty();
        List<String> extras = List.of();
        Optional<ReportedSetting> locations = settings.get("locations");
        if (locations.isPresent() && locationGiven) {
            settings.remove("locations");
            settings.notApplied("locations (the location given wins)");
        } else if (locations.isPresent()) {
            Chosen chosen = choose(locations.get(), names);
            location = Optional.of(chosen.main());
            extras = chosen.extras();
            settings.put("locations", locations.get().value() + " -> " + shown(chosen.main()), locations.get().origin());
        }
        String validateNaming = settings.value("validateMigrationNaming");
        FlywayOptions flyway = new FlywayOptions(extras, schemas, defaultSchema, table, prefix, suffix,
                replacement == null ? null : Boolean.valueOf(replacement.strip()), names,
                validateNaming == null ? null : Boolean.valueOf(validateNaming.strip()));
        boolean any = !settings.settings().isEmpty();
        return new ToolConfig("Flyway", settings.settings(), settings.notApplied(), location, Optional.ofNullable(table),
                options -> any ? withOurs(options, placeholders, flyway) : options);
    }

    /** Ours win where set; what is left unset keeps the options' (a Spring Boot project's, say). */
    private static SourceOptions withOurs(SourceOptions options, Map<String, String> placeholders, FlywayOptions ours) {
        Map<String, String> merged = new LinkedHashMap<>(options.placeholders());
        merged.putAll(placeholders);
        FlywayOptions theirs = options.flyway();
        return options.withPlaceholders(merged).withFlyway(new FlywayOptions(
                ours.extraLocations().isEmpty() ? theirs.extraLocations() : ours.extraLocations(),
                ours.schemas().isEmpty() ? theirs.schemas() : ours.schemas(),
                or(ours.defaultSchema(), theirs.defaultSchema()), or(ours.table(), theirs.table()),
                or(ours.placeholderPrefix(), theirs.placeholderPrefix()), or(ours.placeholderSuffix(), theirs.placeholderSuffix()),
                or(ours.placeholderReplacement(), theirs.placeholderReplacement()), ours.names().orElse(theirs.names()),
                or(ours.validateMigrationNaming(), theirs.validateMigrationNaming())));
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }

    private record Chosen(String main, List<String> extras) {}

    /**
     * The location whose versioned migrations are the history (the verifier walks one folder's versions); the
     * others still reach Flyway. Relative {@code filesystem:} locations start at the working directory, as for
     * Flyway's command line.
     */
    private Chosen choose(ReportedSetting locations, FlywayNames names) {
        List<String> wanted = list(locations.value());
        List<String> found = new ArrayList<>();
        String versioned = null;
        for (String location : wanted) {
            if (location.startsWith("classpath:")) {
                found.add(location);
                continue;
            }
            Path folder = workingDirectory.resolve(location.replaceFirst("^filesystem:", "")).normalize();
            if (Files.isDirectory(folder)) {
                found.add(folder.toString());
                if (versioned == null && FlywaySourceProvider.hasVersionedMigrations(folder, names)) {
                    versioned = folder.toString();
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("No Flyway migrations at " + locations.value() + " (" + locations.name()
                    + " in " + locations.origin() + "): no such folder under " + workingDirectory
                    + "; fix the setting, or give the history's location");
        }
        String main = versioned != null ? versioned : found.get(0);
        List<String> extras = found.stream().filter(l -> !l.equals(main))
                .map(l -> l.startsWith("classpath:") ? l : "filesystem:" + l).toList();
        return new Chosen(main, extras);
    }

    private String shown(String location) {
        Path path = Path.of(location);
        return path.isAbsolute() && path.startsWith(workingDirectory) ? workingDirectory.relativize(path).toString() : location;
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory.toAbsolutePath()) ? "./" + workingDirectory.toAbsolutePath().relativize(absolute)
                : file.toString();
    }

    static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
