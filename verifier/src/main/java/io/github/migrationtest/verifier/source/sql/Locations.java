package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * Resolves a location as Flyway writes it ({@code filesystem:dir}, {@code classpath:db/migration} or
 * a plain path) to a readable directory, including one inside a jar.
 */
public final class Locations {

    /** Where a location points, and how messages should name it. */
    public record Resolved(Path path, String display) {}

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private Locations() {}

    public static boolean isClasspath(String location) {
        return location.startsWith(CLASSPATH);
    }

    /** The location without a {@code filesystem:} prefix. */
    public static String withoutFilesystemPrefix(String location) {
        return location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
    }

    /** The resource a {@code classpath:} location names, without leading or trailing slashes. */
    public static String classpathResource(String location) {
        return location.substring(CLASSPATH.length()).replaceAll("^/+", "").replaceAll("/+$", "");
    }

    public static Resolved resolve(String location, ClassLoader classLoader) {
        if (!isClasspath(location)) {
            String path = withoutFilesystemPrefix(location);
            return new Resolved(Path.of(path), path);
        }
        String resource = classpathResource(location);
        URL url = classLoader.getResource(resource);
        if (url == null) {
            // A path that does not exist, so the reader reports the location as missing.
            return new Resolved(Path.of("classpath-location-not-found", resource), location);
        }
        try {
            return new Resolved(toPath(url.toURI()), location);
        } catch (URISyntaxException | IOException e) {
            return new Resolved(Path.of("classpath-location-unreadable", resource), location);
        }
    }

    /**
     * Every folder a {@code classpath:} location names, in every root of the class path that has it (Flyway reads
     * them all); empty when none has it. One that cannot be read is left out.
     */
    public static List<Path> resolveAll(String location, ClassLoader classLoader) {
        List<Path> folders = new ArrayList<>();
        try {
            Enumeration<URL> urls = classLoader.getResources(classpathResource(location));
            while (urls.hasMoreElements()) {
                try {
                    folders.add(toPath(urls.nextElement().toURI()));
                } catch (URISyntaxException | IOException | RuntimeException e) {
                    // unreadable: as if absent
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return folders;
    }

    private static Path toPath(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            return FileSystems.getFileSystem(uri).provider().getPath(uri);
        } catch (FileSystemNotFoundException e) {
            try {
                // Left open: the jar is on the class path for the life of the JVM anyway.
                FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                // Another thread opened it; fine.
            }
            return Path.of(uri);
        }
    }
}
