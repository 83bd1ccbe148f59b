package io.github.migrationtest.verifier.model.jpa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a package's JPA-mapped classes (subpackages included) in a class loader's directories and
 * jars. Classes are loaded without being initialised, and annotations are matched by name so that
 * this class itself needs no JPA API.
 */
final class EntityScanner {
    private static final Logger LOG = LoggerFactory.getLogger(EntityScanner.class);
    private static final String ENTITY = "jakarta.persistence.Entity";
    /** Hibernate finds embeddables and superclasses through the entities, but auto-applied converters only when given. */
    private static final Set<String> MAPPING = Set.of(ENTITY, "jakarta.persistence.Embeddable",
            "jakarta.persistence.MappedSuperclass", "jakarta.persistence.Converter");

    /**
     * What a scan found.
     *
     * @param mapped     the mapped classes, entities first, each list sorted by name
     * @param entities   how many of them are entities
     * @param locations  where the package was looked for (directories and jars)
     * @param unloadable classes that could not be loaded, with the reason
     */
    record Scan(List<Class<?>> mapped, int entities, List<String> locations, List<String> unloadable) {
    }

    private EntityScanner() {
    }

    static Scan scan(String packageName, ClassLoader loader) {
        String folder = packageName.replace('.', '/') + '/';
        Set<String> classNames = new TreeSet<>();
        List<String> locations = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                locations.add(url.toString());
                classNames.addAll(classNamesAt(url, folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list package " + packageName + ": " + e.getMessage(), e);
        }
        List<Class<?>> entities = new ArrayList<>();
        List<Class<?>> others = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // An entity that cannot load would vanish from the model: say so.
                LOG.warn("Skipped {} while looking for JPA entities: {}", name, e);
                unloadable.add(name + " (" + e + ")");
                continue;
            }
            if (hasAnnotation(type, ENTITY)) {
                entities.add(type);
            } else if (MAPPING.stream().anyMatch(annotation -> hasAnnotation(type, annotation))) {
                others.add(type);
            }
        }
        List<Class<?>> mapped = new ArrayList<>(entities);
        mapped.addAll(others);
        return new Scan(List.copyOf(mapped), entities.size(), List.copyOf(locations), List.copyOf(unloadable));
    }

    private static boolean hasAnnotation(Class<?> type, String annotationName) {
        try {
            for (Annotation annotation : type.getDeclaredAnnotations()) {
                if (annotation.annotationType().getName().equals(annotationName)) {
                    return true;
                }
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Could not read the annotations of {}: {}", type.getName(), e.toString());
        }
        return false;
    }

    private static List<String> classNamesAt(URL url, String folder) throws IOException {
        if ("file".equals(url.getProtocol())) {
            return classNamesInDirectory(url, folder);
        }
        URLConnection connection = url.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false); // a cached JarFile would stay open, and closing it would close it for others
            try (JarFile file = jar.getJarFile()) {
                return file.stream().map(JarEntry::getName).filter(name -> name.startsWith(folder))
                        .map(EntityScanner::className).filter(name -> name != null).toList();
            }
        }
        LOG.warn("Cannot list classes at {} (protocol {}); entities there are not found", url, url.getProtocol());
        return List.of();
    }

    private static List<String> classNamesInDirectory(URL url, String folder) throws IOException {
        Path directory;
        try {
            directory = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("Not a directory path: " + url, e);
        }
        Path root = directory;
        for (int i = folder.split("/").length; i > 0; i--) {
            root = root.getParent();
        }
        Path classRoot = root;
        String separator = directory.getFileSystem().getSeparator();
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> className(classRoot.relativize(file).toString().replace(separator, "/")))
                    .filter(name -> name != null).toList();
        }
    }

    /** The binary class name for a {@code .class} resource path, or {@code null} for anything else. */
    static String className(String resource) {
        if (!resource.endsWith(".class") || resource.endsWith("module-info.class")
                || resource.endsWith("package-info.class")) {
            return null;
        }
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }
}
