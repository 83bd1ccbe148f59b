package io.github.migrationtest.verifier.diff;

/** Short forms of property values for one-line descriptions. */
final class Values {
    private static final int MAX = 120;
    /** How much of what two values share is shown before the first character that differs. */
    private static final int CONTEXT = 30;
    private static final String ELLIPSIS = "...";

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
            String before = line < left.length ? left[line].strip() : null;
            String after = line < right.length ? right[line].strip() : null;
            int from = before == null || after == null ? 0 : start(before, after);
            return "differs from line " + (line + 1) + ": " + quoted(before, from) + " -> " + quoted(after, from);
        }
        int from = expected == null || actual == null ? 0 : start(expected, actual);
        return shown(expected, from) + " -> " + shown(actual, from);
    }

    /**
     * Where to start showing two values that differ: at the start, unless they differ beyond what a
     * shortened value shows (a long view line), then a little before the first character that differs.
     */
    private static int start(String left, String right) {
        int same = 0;
        while (same < left.length() && same < right.length() && left.charAt(same) == right.charAt(same)) {
            same++;
        }
        return same < MAX - CONTEXT ? 0 : same - CONTEXT;
    }

    /** {@code : <definition>} when the object's definition fits on a line, else nothing. */
    static String summary(String definition) {
        if (definition == null || definition.isEmpty() || definition.contains("\n")) {
            return "";
        }
        return ": " + shorten(definition);
    }

    private static String shown(String value, int from) {
        return value == null ? "(none)" : shorten(from == 0 ? value : ELLIPSIS + value.substring(from));
    }

    private static String quoted(String line, int from) {
        return line == null ? "(end)" : "\"" + shown(line, from) + "\"";
    }

    private static String shorten(String value) {
        return value.length() <= MAX ? value : value.substring(0, MAX - ELLIPSIS.length()) + ELLIPSIS;
    }
}
