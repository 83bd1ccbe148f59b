package io.github.migrationtest.verifier.spring;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The documents of a YAML file, through SnakeYAML; the only class that links against it, loaded only for YAML. */
final class YamlDocuments {

    private YamlDocuments() {
    }

    /** Maps, lists and scalars, as plain Java objects; no application types are ever constructed. */
    static List<Object> load(String text) {
        try {
            List<Object> documents = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(documents::add);
            return documents;
        } catch (YAMLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
