package io.github.migrationtest.verifier.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the timeouts users write ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601
 * such as {@code PT5S}), the same way on the command line and in the JUnit extension.
 */
public final class Durations {
    /** What a bad value is told it may be. */
    public static final String ALLOWED = "a duration such as 500ms, 5s, 2m or PT5S";

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** @throws IllegalArgumentException with {@link #ALLOWED} as its message */
    public static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(text);
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(ALLOWED, e);
        }
    }
}
