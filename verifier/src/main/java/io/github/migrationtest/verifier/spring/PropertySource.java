package io.github.migrationtest.verifier.spring;

import java.util.Map;

/**
 * One place settings come from, such as {@code src/main/resources/application.yml} or the environment,
 * with its properties by their names as written (YAML flattened: {@code spring.flyway.locations[0]}).
 *
 * @param origin where the settings are, as the report names it
 * @param properties the properties in the order they were read
 */
record PropertySource(String origin, Map<String, String> properties) {

    PropertySource {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
