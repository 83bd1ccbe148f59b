package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import io.github.migrationtest.verifier.spring.ApplicationFiles;
import io.github.migrationtest.verifier.spring.HistoryLocations;
import io.github.migrationtest.verifier.spring.SpringBootSettings;
import io.github.migrationtest.verifier.spring.SpringMigrationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The command line's reading of a Spring Boot project: the one it runs in, when no location is given. */
final class SpringProject {

    private static final String RESOURCES = "src/main/resources";

    /** Flyway's Java migration class names: {@code V<version>__<Name>} and {@code R__<Name>}, in a source file. */
    private static final Pattern JAVA_MIGRATION = Pattern.compile("(V\\d[0-9_]*|R)__\\w+\\.(java|kt|groovy|scala)");

    private static final List<String> SOURCE_FOLDERS = List.of("java", "kotlin", "groovy", "scala");

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

    /**
     * The Java (Kotlin, Groovy, Scala) migrations beside the project's sources in the history's package, such as
     * {@code src/main/java/db/migration/V2__Backfill.java} for {@code classpath:db/migration}: Flyway runs them from
     * the compiled classes, in version order with the SQL scripts, but the command line reads the folder under
     * {@code src/main/resources} and compiles nothing, so it would verify the history without them and say nothing.
     * A line that names them and the ways to verify them, when there are any.
     */
    static Optional<String> uncompiledJavaMigrations(String location, SpringMigrationSettings settings) {
        if (settings.type() != SourceType.FLYWAY) {
            return Optional.empty();
        }
        Path project = Path.of(location == null ? "" : location).toAbsolutePath().normalize();
        Path resources = project.resolve(RESOURCES);
        Path history = Path.of(settings.location()).toAbsolutePath().normalize();
        if (!history.startsWith(resources)) {
            return Optional.empty();
        }
        Path pkg = resources.relativize(history);
        List<String> found = new ArrayList<>();
        for (String language : SOURCE_FOLDERS) {
            Path folder = project.resolve("src/main").resolve(language).resolve(pkg);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> JAVA_MIGRATION.matcher(file.getFileName().toString()).matches())
                        .map(file -> project.relativize(file).toString())
                        .sorted()
                        .forEach(found::add);
            } catch (IOException | UncheckedIOException e) {
                // unreadable sources: nothing to say about them
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Not verified: " + found.size() + " Java migration(s) that Flyway runs from the compiled classes"
                + " of classpath:" + pkg.toString().replace('\\', '/') + " between the SQL scripts: " + String.join(", ", found)
                + "; the command line compiles nothing, so the walk leaves them out. To verify them too, run the Maven"
                + " plugin (mvn verify, after compile) or the JUnit extension (@MigrationTest), which take them from the"
                + " project's class path");
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
