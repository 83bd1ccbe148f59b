package io.github.migrationtest.verifier.source.sql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version compared the way people read it: segments split on {@code .}, {@code _} or
 * {@code -} and compared as numbers, so {@code 1.10} follows {@code 1.9}, {@code 1_1} equals
 * {@code 1.1} (Flyway), {@code 0001} equals {@code 1}, and trailing zero segments do not count.
 */
public record Version(String raw, List<BigInteger> segments) implements Comparable<Version> {

    public Version {
        segments = List.copyOf(segments);
    }

    /** Parses a version made of digits and separators; see {@link #isVersion(String)}. */
    public static Version parse(String raw) {
        if (!isVersion(raw)) {
            throw new IllegalArgumentException("Not a version: '" + raw + "'");
        }
        List<BigInteger> segments = new ArrayList<>();
        for (String part : raw.split("[._-]")) {
            segments.add(new BigInteger(part));
        }
        while (segments.size() > 1 && segments.get(segments.size() - 1).signum() == 0) {
            segments.remove(segments.size() - 1);
        }
        return new Version(raw, segments);
    }

    /** Whether the text is digits, optionally separated by single {@code .}, {@code _} or {@code -}. */
    public static boolean isVersion(String raw) {
        return raw != null && raw.matches("\\d+([._-]\\d+)*");
    }

    /** The version with dots between segments as written, e.g. {@code 1.1} for {@code 1_1}. */
    public String dotted() {
        return raw.replace('_', '.');
    }

    @Override
    public int compareTo(Version other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int order = segments.get(i).compareTo(other.segments.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version version && segments.equals(version.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
