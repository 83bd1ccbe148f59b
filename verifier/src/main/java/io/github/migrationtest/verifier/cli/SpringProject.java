package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import io.github.migrationtest.verifier.spring.ApplicationFiles;
import io.github.migrationtest.verifier.spring.HistoryLocations;
import io.github.migrationtest.verifier.spring.SpringBootSettings;
import io.github.migrationtest.verifier.spring.SpringMigrationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The command line's reading of a Spring Boot project: the one it runs in, when no location is given. */
final class SpringProject {

    private static final String RESOURCES = "src/main/resources";

    private SpringProject() {
    }

    /**
     * The project's Spring Boot migration settings, when the location is left out, is {@code .}, or is a
     * project folder (one with {@code src/main/resources/application.*}); with no location and none found,
     * says what to give instead.
     */
    static Optional<SpringMigrationSettings> settings(String location, List<String> profiles) {
        Path project = Path.of(location == null ? "" : location).toAbsolutePath().normalize();
        if (location != null && !location.equals(".") && !hasApplicationFile(project)) {
            return Optional.empty();
        }
        Optional<SpringMigrationSettings> settings = new SpringBootSettings(
                ApplicationFiles.inFolder(project.resolve(RESOURCES), project),
                HistoryLocations.inProject(project, project.resolve(RESOURCES)), System.getenv(), systemProperties())
                .read(profiles.isEmpty() ? profilesKey() : profiles);
        if (settings.isEmpty() && location == null) {
            throw new IllegalArgumentException("No location given, and " + project + " has no Spring Boot Flyway or Liquibase"
                    + " settings in " + RESOURCES + "/application.(properties|yml|yaml): give the history's location,"
                    + " e.g. migrationtest verify src/main/resources/db/migration");
        }
        return settings;
    }

    private static boolean hasApplicationFile(Path folder) {
        return Stream.of("properties", "yml", "yaml").anyMatch(extension ->
                Files.isRegularFile(folder.resolve(RESOURCES).resolve("application." + extension)));
    }

    private static List<String> profilesKey() {
        String value = AlembicSettings.fromEnvironment(SpringBootSettings.PROFILES_KEY).orElse("");
        return Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }
}
