package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.source.sql.Locations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds what a Spring Boot location ({@code classpath:db/migration}, {@code filesystem:sql}) names. */
public interface HistoryLocations {

    /** What a location names, when something is there. */
    Optional<Found> find(String springLocation);

    /**
     * @param location as the verifier opens it
     * @param path the folder or file, to look into
     * @param display as the report shows it
     */
    record Found(String location, Path path, String display) {}

    /**
     * For the command line, run in the project: {@code classpath:} is the project's
     * {@code src/main/resources}, {@code filesystem:} is relative to the project, as when the
     * application runs there; a location without a prefix is {@code classpath:}, as in Spring Boot.
     */
    static HistoryLocations inProject(Path project, Path resources) {
        return location -> {
            Path path = isFilesystem(location)
                    ? project.resolve(Locations.withoutFilesystemPrefix(location))
                    : resources.resolve(Locations.classpathResource(asClasspath(location)));
            path = path.toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            Path base = project.toAbsolutePath().normalize();
            return Optional.of(new Found(path.toString(), path, path.startsWith(base) ? base.relativize(path).toString() : path.toString()));
        };
    }

    /** For a test: {@code classpath:} on the test's class path, {@code filesystem:} relative to the project. */
    static HistoryLocations onClassPath(ClassLoader classLoader, Path project) {
        return location -> {
            if (isFilesystem(location)) {
                return inProject(project, project).find(location);
            }
            String classpath = "classpath:" + Locations.classpathResource(asClasspath(location));
            if (classLoader.getResource(Locations.classpathResource(classpath)) == null) {
                return Optional.empty();
            }
            return Optional.of(new Found(classpath, Locations.resolve(classpath, classLoader).path(), classpath));
        };
    }

    private static boolean isFilesystem(String location) {
        return location.startsWith("filesystem:");
    }

    private static String asClasspath(String location) {
        return Locations.isClasspath(location) ? location : "classpath:" + location;
    }
}
