package io.github.migrationtest.verifier.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring Boot's properties as an application would see them: sources in order of precedence (the first
 * wins), names bound relaxedly, {@code ${...}} placeholders in values resolved against the other
 * properties and the environment, as Spring Boot's binder does (one it cannot resolve stays as it is).
 */
final class SpringEnvironment {

    /** How deep placeholders may nest, so that {@code a=${b}}, {@code b=${a}} ends. */
    private static final int MAX_DEPTH = 16;
    private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]$");

    /**
     * A property's value and where it came from.
     *
     * @param name the name as the source writes it
     * @param value the value, placeholders resolved
     * @param origin the file or {@code environment variable ...} it came from
     */
    record Value(String name, String value, String origin) {}

    private final List<PropertySource> sources;
    private final Function<String, String> environment;

    /** @param sources the first wins; @param environment the variables {@code ${NAME}} may name */
    SpringEnvironment(List<PropertySource> sources, Function<String, String> environment) {
        this.sources = List.copyOf(sources);
        this.environment = environment;
    }

    /** A single value, by any spelling of its name. */
    Optional<Value> get(String name) {
        String canonical = RelaxedNames.canonical(name);
        for (PropertySource source : sources) {
            for (Map.Entry<String, String> property : source.properties().entrySet()) {
                if (RelaxedNames.canonical(property.getKey()).equals(canonical)) {
                    return Optional.of(new Value(property.getKey(), resolve(property.getValue(), 0), source.origin()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A list: indexed entries ({@code name[0]}, YAML's lists) from the first source that has any, else one
     * comma-separated value, each item trimmed.
     */
    Optional<List<Value>> list(String name) {
        String canonical = RelaxedNames.canonical(name);
        for (PropertySource source : sources) {
            Map<Integer, Value> indexed = new TreeMap<>();
            for (Map.Entry<String, String> property : source.properties().entrySet()) {
                Matcher index = INDEXED.matcher(property.getKey());
                if (index.matches() && RelaxedNames.canonical(index.group(1)).equals(canonical)) {
                    indexed.put(Integer.parseInt(index.group(2)),
                            new Value(property.getKey(), resolve(property.getValue(), 0).strip(), source.origin()));
                }
            }
            if (!indexed.isEmpty()) {
                return Optional.of(List.copyOf(indexed.values()));
            }
            for (Map.Entry<String, String> property : source.properties().entrySet()) {
                if (RelaxedNames.canonical(property.getKey()).equals(canonical)) {
                    List<Value> items = new ArrayList<>();
                    for (String item : resolve(property.getValue(), 0).split(",")) {
                        if (!item.isBlank()) {
                            items.add(new Value(property.getKey(), item.strip(), source.origin()));
                        }
                    }
                    return Optional.of(items);
                }
            }
        }
        return Optional.empty();
    }

    /** The entries of a map property ({@code spring.flyway.placeholders.*}) by their keys as written; the first source wins per key. */
    Map<String, Value> map(String prefix) {
        String canonical = RelaxedNames.canonical(prefix) + ".";
        int elements = prefix.split("\\.").length;
        Map<String, Value> entries = new LinkedHashMap<>();
        for (PropertySource source : sources) {
            for (Map.Entry<String, String> property : source.properties().entrySet()) {
                if (!RelaxedNames.canonical(property.getKey()).startsWith(canonical)) {
                    continue;
                }
                String key = mapKey(property.getKey(), elements);
                entries.putIfAbsent(key, new Value(property.getKey(), resolve(property.getValue(), 0), source.origin()));
            }
        }
        return entries;
    }

    /** Whether any property starts with this prefix, by any spelling. */
    boolean hasAny(String prefix) {
        String canonical = RelaxedNames.canonical(prefix) + ".";
        return sources.stream().flatMap(s -> s.properties().keySet().stream())
                .anyMatch(key -> RelaxedNames.canonical(key).startsWith(canonical));
    }

    /** The key after the map's own name; {@code [my.key]} brackets, which keep dots in a key, taken off. */
    private static String mapKey(String name, int prefixElements) {
        String[] parts = name.split("\\.", prefixElements + 1);
        String key = parts.length > prefixElements ? parts[prefixElements] : "";
        return key.startsWith("[") && key.endsWith("]") ? key.substring(1, key.length() - 1) : key;
    }

    /** {@code ${name}} and {@code ${name:default}}, by a property's relaxed name or an environment variable's exact one. */
    String resolve(String value, int depth) {
        if (value == null || !value.contains("${") || depth > MAX_DEPTH) {
            return value;
        }
        StringBuilder resolved = new StringBuilder();
        int at = 0;
        while (true) {
            int start = value.indexOf("${", at);
            int end = start < 0 ? -1 : closing(value, start + 2);
            if (start < 0 || end < 0) {
                resolved.append(value, at, value.length());
                return resolved.toString();
            }
            resolved.append(value, at, start);
            String inner = resolve(value.substring(start + 2, end), depth + 1);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            Optional<String> found = lookup(name, depth);
            if (found.isPresent()) {
                resolved.append(found.get());
            } else if (colon >= 0) {
                resolved.append(inner.substring(colon + 1));
            } else {
                resolved.append("${").append(inner).append('}');
            }
            at = end + 1;
        }
    }

    private Optional<String> lookup(String name, int depth) {
        String canonical = RelaxedNames.canonical(name);
        for (PropertySource source : sources) {
            for (Map.Entry<String, String> property : source.properties().entrySet()) {
                if (RelaxedNames.canonical(property.getKey()).equals(canonical)) {
                    return Optional.of(resolve(property.getValue(), depth + 1));
                }
            }
        }
        return Optional.ofNullable(environment.apply(name));
    }

    /** The index of the brace that closes a placeholder opened before {@code from}, nested ones skipped. */
    private static int closing(String value, int from) {
        int open = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                open++;
                i++;
            } else if (value.charAt(i) == '}' && --open == 0) {
                return i;
            }
        }
        return -1;
    }
}
