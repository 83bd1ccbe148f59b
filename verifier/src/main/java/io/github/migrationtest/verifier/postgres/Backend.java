package io.github.migrationtest.verifier.postgres;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the disposable Postgres comes from. */
public enum Backend {
    /** {@link #SERVER} alone when a URL is given (never replaced); else {@link #TESTCONTAINERS} (when Docker is found), then {@link #EMBEDDED}. */
    AUTO,
    /** An existing server reached by a JDBC URL, as CI's {@code services: postgres} gives. */
    SERVER,
    /** A container started through Testcontainers; needs Docker and Testcontainers on the class path. */
    TESTCONTAINERS,
    /** Postgres binaries from Maven Central (io.zonky.test.postgres), run as a local process. */
    EMBEDDED;

    /** Parses a configured value, naming the key, the value and what is allowed when it is wrong. */
    public static Backend parse(String key, String value) {
        String normalised = value.trim().toUpperCase(Locale.ROOT);
        for (Backend backend : values()) {
            if (backend.name().equals(normalised)) {
                return backend;
            }
        }
        throw new IllegalArgumentException(String.format(
                "Invalid value for %s: '%s'. Allowed: %s", key, value, allowedValues()));
    }

    static String allowedValues() {
        return Arrays.stream(values()).map(Backend::configName).collect(Collectors.joining(", "));
    }

    /** The lower-case name used in configuration and messages. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
