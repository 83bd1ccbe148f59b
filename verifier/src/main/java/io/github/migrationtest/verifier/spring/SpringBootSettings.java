package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.spring.ApplicationFiles.ApplicationFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how a Spring Boot application migrates its database from where its users keep that:
 * {@code application.properties}, {@code application.yml} / {@code .yaml} and the active profiles'
 * {@code application-<profile>.*}, overridden by system properties and environment variables as in
 * Spring Boot. Only {@code spring.flyway.*} and {@code spring.liquibase.*} are read; the datasource
 * never is: the verification runs on a disposable database.
 */
public final class SpringBootSettings {

    /** Key (system property, {@code junit-platform.properties}) for the profiles whose settings are read: {@value}. */
    public static final String PROFILES_KEY = "migrationtest.spring.profiles";

    private static final String[] EXTENSIONS = {"properties", "yaml", "yml"};
    private static final String ACTIVE_PROFILES = "spring.profiles.active";
    private static final String DEFAULT_PROFILES = "spring.profiles.default";

    private final ApplicationFiles files;
    private final HistoryLocations locations;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;

    /**
     * @param environment the environment variables ({@code System.getenv()})
     * @param systemProperties the JVM's system properties; {@code spring.*} ones override the files
     */
    public SpringBootSettings(ApplicationFiles files, HistoryLocations locations, Map<String, String> environment,
                              Map<String, String> systemProperties) {
        this.files = files;
        this.locations = locations;
        this.environment = Map.copyOf(environment);
        this.systemProperties = Map.copyOf(systemProperties);
    }

    /**
     * The migration settings, when the project has an {@code application.*} file and Flyway or Liquibase
     * settings (or Spring Boot's default locations hold a history).
     *
     * @param profiles the profiles to read (empty: {@code spring.profiles.active} from the system
     *     properties, {@code SPRING_PROFILES_ACTIVE}, or the files, else {@code spring.profiles.default} from the same
     *     places, else Spring Boot's {@code default})
     * @throws SpringSettingsException when the settings name a history that is not there, or both tools
     */
    public Optional<SpringMigrationSettings> read(List<String> profiles) {
        List<String> active = profiles.isEmpty() ? activeProfiles() : List.copyOf(profiles);
        if (active.isEmpty()) {
            active = profilesSetting(DEFAULT_PROFILES, "SPRING_PROFILES_DEFAULT"); // Spring Boot's profiles when none is active
        }
        List<PropertySource> fileSources = fileSources(active.isEmpty() ? List.of("default") : active);
        if (fileSources.isEmpty()) {
            return Optional.empty();
        }
        List<PropertySource> sources = new ArrayList<>();
        sources.add(new PropertySource("system property", springOnly(systemProperties)));
        sources.add(new PropertySource("environment", environmentSources()));
        sources.addAll(fileSources);
        SpringEnvironment spring = new SpringEnvironment(withOrigins(sources), this::variable);
        ToolSettings flyway = new FlywaySettingsReader(spring, locations);
        ToolSettings liquibase = new LiquibaseSettingsReader(spring, locations);
        boolean flywaySet = flyway.configured();
        boolean liquibaseSet = liquibase.configured();
        if (flywaySet && liquibaseSet) {
            throw new SpringSettingsException("Both spring.flyway.* and spring.liquibase.* are set in " + origins(fileSources)
                    + ": give the location of the history to verify (the Flyway location or the Liquibase changelog)");
        }
        if (flywaySet || liquibaseSet) {
            return Optional.of((flywaySet ? flyway : liquibase).settings(active));
        }
        boolean flywayDefault = flyway.defaultPresent();
        boolean liquibaseDefault = liquibase.defaultPresent();
        if (flywayDefault && liquibaseDefault) {
            throw new SpringSettingsException("Both Spring Boot's default Flyway location (classpath:db/migration) and its"
                    + " default Liquibase changelog (classpath:db/changelog/db.changelog-master.yaml) exist: give the"
                    + " location of the history to verify");
        }
        return flywayDefault ? Optional.of(flyway.settings(active).fromDefaults())
                : liquibaseDefault ? Optional.of(liquibase.settings(active).fromDefaults()) : Optional.empty();
    }

    /** What Spring Boot would activate: the system property, the environment variable, else the files' own setting. */
    private List<String> activeProfiles() {
        return profilesSetting(ACTIVE_PROFILES, "SPRING_PROFILES_ACTIVE");
    }

    /**
     * A profiles setting ({@code spring.profiles.active}, or {@code spring.profiles.default}, the profiles Spring Boot
     * activates when none is active): the system property, the environment variable, else the base files' own setting.
     */
    private List<String> profilesSetting(String name, String variableName) {
        String value = systemProperties.get(name);
        if (value == null) {
            value = variable(variableName);
        }
        if (value == null) {
            SpringEnvironment base = new SpringEnvironment(fileSources(List.of()), this::variable);
            value = base.list(name).map(items -> String.join(",", items.stream().map(SpringEnvironment.Value::value).toList()))
                    .orElse(null);
        }
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** Profile files first, the last profile first (it wins), then the base files; {@code .properties} before YAML. */
    private List<PropertySource> fileSources(List<String> profiles) {
        List<PropertySource> sources = new ArrayList<>();
        for (int i = profiles.size() - 1; i >= 0; i--) {
            addFiles(sources, "application-" + profiles.get(i), profiles);
        }
        addFiles(sources, "application", profiles);
        return sources;
    }

    private void addFiles(List<PropertySource> sources, String baseName, List<String> profiles) {
        for (String extension : EXTENSIONS) {
            Optional<ApplicationFile> file = files.find(baseName + "." + extension);
            file.ifPresent(found -> sources.add(ApplicationFileReader.read(found, profiles)));
        }
    }

    private Map<String, String> environmentSources() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : environmentNames()) {
            properties.put(RelaxedNames.fromEnvironmentVariable(name), variable(name));
        }
        return properties;
    }

    /** The variables that can set Flyway's and Liquibase's settings; the others are read only by {@code ${NAME}}. */
    private List<String> environmentNames() {
        return environment.keySet().stream().filter(name -> name.startsWith("SPRING_FLYWAY_") || name.startsWith("SPRING_LIQUIBASE_"))
                .filter(name -> variable(name) != null).sorted().toList();
    }

    private String variable(String name) {
        return environment.get(name);
    }

    private static Map<String, String> springOnly(Map<String, String> properties) {
        Map<String, String> spring = new LinkedHashMap<>();
        properties.entrySet().stream().filter(e -> e.getKey().startsWith("spring.flyway.") || e.getKey().startsWith("spring.liquibase."))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> spring.put(e.getKey(), e.getValue()));
        return spring;
    }

    /** Each environment variable and system property says which it is, as the report shows them. */
    private static List<PropertySource> withOrigins(List<PropertySource> sources) {
        List<PropertySource> named = new ArrayList<>();
        for (PropertySource source : sources) {
            if (source.origin().equals("environment") || source.origin().equals("system property")) {
                source.properties().forEach((name, value) -> named.add(new PropertySource(
                        source.origin().equals("environment") ? "environment variable " + variableName(name)
                                : "system property " + name, Map.of(name, value))));
            } else {
                named.add(source);
            }
        }
        return named;
    }

    private static String variableName(String property) {
        return property.replace("[", "_").replace("]", "").replace('.', '_').replace("-", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static String origins(List<PropertySource> sources) {
        return String.join(", ", sources.stream().map(PropertySource::origin).toList());
    }
}
