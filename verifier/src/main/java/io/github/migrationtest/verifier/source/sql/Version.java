package io.github.migrationtest.verifier.source.sql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version compared the way its tool compares it. By default the way people read it:
 * segments split on {@code .}, {@code _} or {@code -} and compared as numbers, so {@code 1.10}
 * follows {@code 1.9}, {@code 1_1} equals {@code 1.1} (Flyway), {@code 0001} equals {@code 1}, and
 * trailing zero segments do not count. A {@linkplain #textual textual} version (diesel) compares as
 * text instead.
 *
 * @param raw the version as written
 * @param segments the numeric segments (empty for a textual version)
 * @param text for a textual version, what is compared; empty for a numeric one
 */
public record Version(String raw, List<BigInteger> segments, String text) implements Comparable<Version> {

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
        return new Version(raw, segments, "");
    }

    /**
     * A version compared as text, as diesel compares {@code 2017-08-31-230457} (read as
     * {@code 20170831230457}): {@code key} is what is compared, {@code raw} what users see.
     */
    public static Version textual(String raw, String key) {
        return new Version(raw, List.of(), key);
    }

    /**
     * The version compared as the text written, as pop and popx sort theirs ({@code Migrations.Less} compares the
     * version strings): {@code 10} before {@code 9}, a 14-digit timestamp after a 20-digit one of an earlier year.
     */
    public Version asText() {
        return textual(raw, raw);
    }

    /**
     * The version of a dbmate file ({@code <version>_<name>.sql}, or any name starting with digits) ordered as dbmate
     * orders its files: by file name, as text ({@code FindMigrations} sorts them so). Two versions' names differ at
     * the latest in the character after the shorter one's digits, so that character is compared too: where one
     * version begins another ({@code 1} and {@code 10}), the {@code _} after the shorter one sorts after the longer
     * one's digit: {@code 10_b.sql} runs before {@code 1_a.sql}, and {@code 0001} is another version than {@code 1}.
     *
     * @param fileName the file's name, which starts with this version's digits
     */
    public Version asDbmateFileName(String fileName) {
        String next = fileName.startsWith(raw) && fileName.length() > raw.length()
                ? fileName.substring(raw.length(), raw.length() + 1) : "_";
        return textual(raw, raw + next);
    }

    /** What the tool writes in its table of applied versions: diesel's version without dashes, else as written. */
    public String recorded(Convention convention) {
        return convention == Convention.DIESEL ? text : raw;
    }

    /** Whether the text is digits, optionally separated by single {@code .}, {@code _} or {@code -}. */
    public static boolean isVersion(String raw) {
        return raw != null && raw.matches("\\d+([._-]\\d+)*");
    }

    /** The version with dots between segments as written, e.g. {@code 1.1} for {@code 1_1}. */
    public String dotted() {
        return raw.replace('_', '.');
    }

    private boolean isTextual() {
        return !text.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        if (isTextual() || other.isTextual()) {
            return (isTextual() ? text : raw).compareTo(other.isTextual() ? other.text : other.raw);
        }
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
        return other instanceof Version version && segments.equals(version.segments) && text.equals(version.text);
    }

    @Override
    public int hashCode() {
        return segments.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
