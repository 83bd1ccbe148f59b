package io.github.migrationtest.verifier.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where a project keeps its {@code application.properties} and {@code application.yml}. */
public interface ApplicationFiles {

    /** The file of that name ({@code application-test.yml}), when the project has one. */
    Optional<ApplicationFile> find(String name);

    /**
     * One configuration file.
     *
     * @param display its path as the report shows it (relative to the project when it is inside it)
     * @param text its content
     */
    record ApplicationFile(String display, String text) {}

    /** The files in a folder, such as a project's {@code src/main/resources}, shown relative to {@code project}. */
    static ApplicationFiles inFolder(Path folder, Path project) {
        return name -> {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ApplicationFile(shown(file, project), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * The first file of each name on a class path, as Spring Boot reads {@code classpath:application.yml}: in
     * a test, {@code src/test/resources} comes before {@code src/main/resources}.
     */
    static ApplicationFiles onClassPath(ClassLoader classLoader, Path project) {
        return name -> {
            URL url = classLoader.getResource(name);
            if (url == null) {
                return Optional.empty();
            }
            try (InputStream in = url.openStream()) {
                return Optional.of(new ApplicationFile(shown(url, project), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + url + ": " + e.getMessage(), e);
            }
        };
    }

    private static String shown(URL url, Path project) {
        if (!"file".equals(url.getProtocol())) {
            return url.toString();
        }
        try {
            return shown(Path.of(url.toURI()), project);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return url.toString();
        }
    }

    private static String shown(Path file, Path project) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = project.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
