package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves the locations users write: {@code classpath:} resources, and filesystem paths relative
 * to the project directory rather than to wherever the JVM happened to start.
 */
final class ProjectPaths {

    /** Where Maven and Gradle keep the sources of test class path resources. */
    private static final String TEST_RESOURCES = "src/test/resources";

    private final Path projectDirectory;
    private final ClassLoader classLoader;

    ProjectPaths(Path projectDirectory, ClassLoader classLoader) {
        this.projectDirectory = projectDirectory;
        this.classLoader = classLoader;
    }

    /** Maven Surefire and Failsafe set {@code basedir} to the module's directory; IDEs start there anyway. */
    static ProjectPaths forClassLoader(ClassLoader classLoader) {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        return new ProjectPaths(Path.of(basedir).toAbsolutePath(), classLoader);
    }

    Path projectDirectory() {
        return projectDirectory;
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    /** A {@code classpath:} location as it is; a filesystem one made absolute. */
    String location(String location) {
        String trimmed = location.trim();
        if (Locations.isClasspath(trimmed)) {
            return trimmed;
        }
        return projectDirectory.resolve(Locations.withoutFilesystemPrefix(trimmed)).normalize().toString();
    }

    /** The file a location names, if it exists: a class path resource (also inside a jar) or a path. */
    Optional<Path> existingFile(String location) {
        String resolved = location(location);
        Path path = Locations.resolve(resolved, classLoader).path();
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * A model's file, resolved as a location is. A {@code classpath:} snapshot is written in update mode to
     * its source under {@code src/test/resources}, since the class path copy is rebuilt from it; until the
     * resource exists on the class path, that source is read too.
     */
    ModelFile modelFile(String location) {
        String resolved = location(location);
        if (!Locations.isClasspath(resolved)) {
            return ModelFile.at(resolved);
        }
        String resource = Locations.classpathResource(resolved);
        Path source = projectDirectory.resolve(TEST_RESOURCES).resolve(resource).normalize();
        Path path = classLoader.getResource(resource) == null ? source : Locations.resolve(resolved, classLoader).path();
        return new ModelFile(resolved, path, source);
    }

    /** Why nothing is at a location, or empty when something is. */
    Optional<String> missing(String location) {
        if (Locations.isClasspath(location)) {
            return classLoader.getResource(Locations.classpathResource(location)) == null
                    ? Optional.of("not found on the test class path") : Optional.empty();
        }
        return Files.exists(Path.of(location)) ? Optional.empty() : Optional.of("no such file or directory");
    }
}
