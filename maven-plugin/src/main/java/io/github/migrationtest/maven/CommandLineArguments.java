package io.github.migrationtest.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The command line a goal's parameters stand for. The plugin hands the command line's own parser the
 * arguments a user would type, so options are checked, defaulted and explained in one place.
 */
final class CommandLineArguments {

    private final List<String> arguments = new ArrayList<>();

    CommandLineArguments(String command) {
        arguments.add(command);
    }

    /** {@code --name value}, when the value is set. */
    CommandLineArguments option(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            arguments.add(name);
            arguments.add(value instanceof File file ? file.getPath() : value.toString());
        }
        return this;
    }

    /** {@code --name value} once per value, for a repeatable option. */
    CommandLineArguments repeated(String name, Collection<?> values) {
        if (values != null) {
            values.forEach(value -> option(name, value));
        }
        return this;
    }

    /** {@code --name key=value} once per entry, for a repeatable option of pairs. */
    CommandLineArguments pairs(String name, Map<String, String> values) {
        if (values != null) {
            values.forEach((key, value) -> {
                arguments.add(name);
                arguments.add(key + "=" + (value == null ? "" : value));
            });
        }
        return this;
    }

    /** {@code --name}, when the flag is on. */
    CommandLineArguments flag(String name, boolean on) {
        if (on) {
            arguments.add(name);
        }
        return this;
    }

    /** A positional argument, when set. */
    CommandLineArguments positional(String value) {
        if (value != null && !value.isBlank()) {
            arguments.add(value);
        }
        return this;
    }

    /** Arguments passed as they are, for options that have no parameter of their own yet. */
    CommandLineArguments verbatim(Collection<String> values) {
        if (values != null) {
            arguments.addAll(values);
        }
        return this;
    }

    String[] toArray() {
        return arguments.toArray(String[]::new);
    }

    List<String> toList() {
        return List.copyOf(arguments);
    }
}
