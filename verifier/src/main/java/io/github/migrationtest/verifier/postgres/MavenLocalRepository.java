package io.github.migrationtest.verifier.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * The local Maven repository as Maven itself finds it, where the Postgres binaries are looked for and
 * fetched to: {@code -Dmaven.repo.local}, else {@code <localRepository>} of the user's settings.xml, else of
 * the installation's, else {@code ~/.m2/repository}. A CI image often moves it (a cache folder), and a
 * binary fetched elsewhere would not be found by the next run.
 */
final class MavenLocalRepository {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

    private MavenLocalRepository() {
    }

    static Path find() {
        List<Path> settings = new ArrayList<>();
        settings.add(Path.of(System.getProperty("user.home"), ".m2", "settings.xml"));
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME"), System.getenv("M2_HOME")}) {
            if (home != null && !home.isBlank()) {
                settings.add(Path.of(home, "conf", "settings.xml"));
            }
        }
        return find(System.getProperty("maven.repo.local"), settings, System.getenv(), System.getProperty("user.home"));
    }

    /** The first of: the system property, each settings file's {@code localRepository}, the default. */
    static Path find(String repoLocal, List<Path> settingsFiles, Map<String, String> environment, String userHome) {
        if (repoLocal != null && !repoLocal.isBlank()) {
            return Path.of(repoLocal);
        }
        for (Path file : settingsFiles) {
            Optional<String> declared = localRepositoryIn(file);
            if (declared.isPresent()) {
                return Path.of(interpolate(declared.get(), environment, userHome));
            }
        }
        return Path.of(userHome, ".m2", "repository");
    }

    /** The element's text; empty when the file is absent, unreadable (Maven would say so itself) or has none. */
    static Optional<String> localRepositoryIn(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList nodes = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement()
                    .getElementsByTagName("localRepository");
            if (nodes.getLength() == 0) {
                return Optional.empty();
            }
            String text = nodes.item(0).getTextContent().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** {@code ${user.home}} and {@code ${env.NAME}}, the expressions settings files use for this element. */
    private static String interpolate(String value, Map<String, String> environment, String userHome) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement = matcher.group(1) != null ? environment.get(name)
                    : "user.home".equals(name) ? userHome : System.getProperty(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement != null ? replacement : matcher.group()));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
