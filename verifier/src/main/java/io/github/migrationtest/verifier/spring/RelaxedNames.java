package io.github.migrationtest.verifier.spring;

import java.util.Locale;

/**
 * Spring Boot's relaxed binding of property names: {@code spring.flyway.placeholder-prefix},
 * {@code spring.flyway.placeholderPrefix}, {@code spring.flyway.placeholder_prefix} and the environment
 * variable {@code SPRING_FLYWAY_PLACEHOLDERPREFIX} all name one setting.
 */
final class RelaxedNames {

    private RelaxedNames() {
    }

    /** One form for every spelling: lower case, without dashes and underscores; list indexes as {@code [n]}. */
    static String canonical(String name) {
        StringBuilder canonical = new StringBuilder();
        for (String element : name.split("\\.", -1)) {
            if (!canonical.isEmpty()) {
                canonical.append('.');
            }
            canonical.append(element.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
        }
        return canonical.toString();
    }

    /**
     * The property an environment variable sets, as Spring Boot maps it: underscores separate the
     * elements, and a number alone is a list index ({@code SPRING_FLYWAY_LOCATIONS_0} is
     * {@code spring.flyway.locations[0]}).
     */
    static String fromEnvironmentVariable(String variable) {
        StringBuilder name = new StringBuilder();
        for (String element : variable.toLowerCase(Locale.ROOT).split("_")) {
            if (element.isEmpty()) {
                continue;
            }
            if (element.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                name.append('[').append(element).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(element);
            }
        }
        return name.toString();
    }
}
