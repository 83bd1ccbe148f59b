package io.github.migrationtest.verifier.diff;

/** Short forms of property values for one-line descriptions. */
final class Values {
    private static final int MAX = 120;

    private Values() {
    }

    /** {@code a -> b}, or for multi-line values the first line that differs. */
    static String change(String expected, String actual) {
        if (expected != null && actual != null && (expected.contains("\n") || actual.contains("\n"))) {
            String[] left = expected.split("\n", -1);
            String[] right = actual.split("\n", -1);
            int line = 0;
            while (line < left.length && line < right.length && left[line].equals(right[line])) {
                line++;
            }
            return "differs from line " + (line + 1) + ": " + quoted(line < left.length ? left[line] : null)
                    + " -> " + quoted(line < right.length ? right[line] : null);
        }
        return shown(expected) + " -> " + shown(actual);
    }

    /** {@code : <definition>} when the object's definition fits on a line, else nothing. */
    static String summary(String definition) {
        if (definition == null || definition.isEmpty() || definition.contains("\n")) {
            return "";
        }
        return ": " + shorten(definition);
    }

    private static String shown(String value) {
        return value == null ? "(none)" : shorten(value);
    }

    private static String quoted(String line) {
        return line == null ? "(end)" : "\"" + shorten(line.strip()) + "\"";
    }

    private static String shorten(String value) {
        return value.length() <= MAX ? value : value.substring(0, MAX - 3) + "...";
    }
}
