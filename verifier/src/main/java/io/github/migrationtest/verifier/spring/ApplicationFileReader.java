package io.github.migrationtest.verifier.spring;

import io.github.migrationtest.verifier.spring.ApplicationFiles.ApplicationFile;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one {@code application.properties} or {@code application.yml} into flat properties. A YAML
 * file's documents that Spring Boot activates only for some profiles
 * ({@code spring.config.activate.on-profile}) count only when one of those profiles is active; later
 * documents override earlier ones, as in Spring Boot.
 */
final class ApplicationFileReader {

    private static final Set<String> ON_PROFILE = Set.of(
            RelaxedNames.canonical("spring.config.activate.on-profile"), RelaxedNames.canonical("spring.profiles"));

    private ApplicationFileReader() {
    }

    static PropertySource read(ApplicationFile file, List<String> activeProfiles) {
        return new PropertySource(file.display(), file.display().endsWith(".properties")
                ? properties(file) : yaml(file, activeProfiles));
    }

    private static Map<String, String> properties(ApplicationFile file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(file.text()));
        } catch (IOException | IllegalArgumentException e) {
            throw new SpringSettingsException(file.display() + " is not a valid properties file: " + e.getMessage()
                    + "; fix the file, or give the history's location to verify it without Spring Boot's settings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private static Map<String, String> yaml(ApplicationFile file, List<String> activeProfiles) {
        if (!SnakeYaml.present()) {
            throw new SpringSettingsException("Cannot read " + file.display() + ": SnakeYAML is not on the class path; add"
                    + " org.yaml:snakeyaml (Spring Boot's starters bring it), or give the history's location");
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (Object document : YamlDocuments.load(file.text())) {
                Map<String, String> flat = new LinkedHashMap<>();
                flatten("", document, flat);
                if (appliesTo(flat, activeProfiles)) {
                    values.putAll(flat);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new SpringSettingsException(file.display() + " is not valid YAML: " + e.getMessage().strip()
                    + "\nFix the file, or give the history's location to verify it without Spring Boot's settings");
        }
        return values;
    }

    /** Whether a document is for every profile, or names one of the active ones ({@code !name}: any but that one). */
    private static boolean appliesTo(Map<String, String> document, List<String> activeProfiles) {
        List<String> wanted = document.entrySet().stream()
                .filter(e -> ON_PROFILE.contains(RelaxedNames.canonical(e.getKey().replaceAll("\\[\\d+]$", ""))))
                .flatMap(e -> List.of(e.getValue().split(",")).stream()).map(String::strip)
                .filter(p -> !p.isEmpty()).collect(Collectors.toList());
        if (wanted.isEmpty()) {
            return true;
        }
        return wanted.stream().anyMatch(p -> p.startsWith("!") ? !activeProfiles.contains(p.substring(1).strip())
                : activeProfiles.contains(p));
    }

    private static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, into));
        } else if (node instanceof Collection<?> list) {
            List<?> items = new ArrayList<>(list);
            for (int i = 0; i < items.size(); i++) {
                flatten(prefix + "[" + i + "]", items.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }

    /** SnakeYAML is optional: a project without YAML files needs none. */
    private static final class SnakeYaml {
        static boolean present() {
            try {
                Class.forName("org.yaml.snakeyaml.Yaml", false, ApplicationFileReader.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
