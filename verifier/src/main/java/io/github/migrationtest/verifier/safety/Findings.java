package io.github.migrationtest.verifier.safety;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Looking findings up by the names users write. */
final class Findings {

    private Findings() {
    }

    /** The finding of this name, any case, {@code -} for {@code _}. */
    static Optional<Finding> named(String name) {
        String normalised = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Finding.values()).filter(f -> f.name().equals(normalised)).findFirst();
    }

    static String names() {
        return Arrays.stream(Finding.values()).map(Finding::name).collect(Collectors.joining(", "));
    }
}
