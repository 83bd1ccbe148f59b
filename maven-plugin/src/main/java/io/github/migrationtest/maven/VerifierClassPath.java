package io.github.migrationtest.maven;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;

/**
 * The class path the verifier runs on inside a build: the plugin's own jars first, then the project's
 * classes and test dependencies, so that {@code classpath:} locations, Java migrations and JPA entities
 * resolve, and Flyway, Liquibase and Hibernate are the versions the project itself uses.
 *
 * <p>A library both bring is taken once, from the plugin (the verifier is built against it). The
 * loader's parent is the platform class loader, not Maven's: Maven's own libraries (its SLF4J, its
 * Guava) would otherwise shadow the project's.
 */
final class VerifierClassPath {

    private final List<File> entries;

    private VerifierClassPath(List<File> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param pluginArtifacts the plugin's resolved artifacts, the plugin itself included
     * @param projectOutputs the project's test and main output folders, in that order
     * @param projectArtifacts the project's resolved dependencies (test scope and below)
     */
    static VerifierClassPath of(Collection<Artifact> pluginArtifacts, List<File> projectOutputs,
                                Collection<Artifact> projectArtifacts) {
        List<File> entries = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        for (Artifact artifact : pluginArtifacts) {
            if (onClassPath(artifact) && taken.add(key(artifact))) {
                entries.add(artifact.getFile());
            }
        }
        projectOutputs.stream().filter(File::exists).forEach(entries::add);
        for (Artifact artifact : projectArtifacts) {
            if (onClassPath(artifact) && taken.add(key(artifact))) {
                entries.add(artifact.getFile());
            }
        }
        return new VerifierClassPath(entries);
    }

    List<File> entries() {
        return entries;
    }

    URLClassLoader newClassLoader() {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("not a class path entry: " + entries.get(i), e);
            }
        }
        return new URLClassLoader("migrationtest", urls, ClassLoader.getPlatformClassLoader());
    }

    private static boolean onClassPath(Artifact artifact) {
        return artifact.getFile() != null && artifact.getArtifactHandler().isAddedToClasspath();
    }

    private static String key(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId()
                + (artifact.getClassifier() == null ? "" : ":" + artifact.getClassifier());
    }
}
