package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.script.ScriptSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * goose's {@code -- +goose ENVSUB ON}: from that annotation to {@code -- +goose ENVSUB OFF} (or the file's end), each
 * line has environment variables substituted before goose reads it, with the expansions goose's interpolation
 * library (mfridman/interpolate) knows: {@code $NAME} and {@code ${NAME}} (empty when unset), {@code ${NAME:-word}}
 * (word when unset or empty), {@code ${NAME-word}} (word when unset), {@code ${NAME:?message}} (an error when unset
 * or empty) and {@code ${NAME:offset}}, {@code ${NAME:offset:length}} (a substring). A name starts with a letter.
 * {@code $$} and {@code \$} stay as written, so dollar-quoted function bodies keep their quotes, as goose's own tests
 * expect; any other {@code $} (a parameter {@code $1}) is left alone. Annotation lines are not substituted.
 * <p>
 * The variables come from the environment migrationtest runs in, as goose takes them from its own. A file without the
 * annotation is read as it is (streamed when it runs); one with it is read whole and substituted once, when the
 * history is read, and held in memory.
 */
final class GooseEnvsub {

    private GooseEnvsub() {}

    /** Whether the file turns substitution on anywhere. */
    static boolean isUsed(CommentLines comments) {
        return comments.lines().stream()
                .anyMatch(line -> GooseSections.annotation(line.text()).equals(GooseAnnotations.ENVSUB_ON));
    }

    /**
     * The file's text with the variables substituted where substitution is on; empty, with an error finding, when a
     * {@code ${NAME:?}} expansion fails, as goose's read fails. Variables used but not set get a warning at the first
     * line that uses one, with that line as it runs: goose substitutes an empty string for them, which rarely makes
     * the SQL the author meant, and the statement then fails there with a syntax error that does not say why.
     */
    static Optional<ScriptSource> apply(String display, ScriptSource text, Map<String, String> environment,
                                        List<HistoryFinding> findings) {
        String[] lines = text.text().split("\n", -1);
        StringBuilder out = new StringBuilder();
        Set<String> unset = new TreeSet<>();
        int firstUnset = 0; // the first line that uses one, and that line as it runs: where the statement fails
        String firstUnsetLine = "";
        boolean on = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (GooseAnnotations.isAttempt(line)) { // goose substitutes no annotation line, nor one it refuses
                String annotation = GooseSections.annotation(line);
                on = annotation.equals(GooseAnnotations.ENVSUB_ON) || on && !annotation.equals(GooseAnnotations.ENVSUB_OFF);
            } else if (on) {
                try {
                    int unsetBefore = unset.size();
                    line = new Expansion(line, environment, unset).expand();
                    if (firstUnset == 0 && unset.size() > unsetBefore) {
                        firstUnset = i + 1;
                        firstUnsetLine = line.strip();
                    }
                } catch (IllegalArgumentException e) {
                    findings.add(HistoryFinding.error(Kind.UNDEFINED_PLACEHOLDER, display + ":" + (i + 1),
                            "goose's ENVSUB could not substitute this line: " + e.getMessage(),
                            "set the variable in the environment migrationtest runs in, as goose's is"));
                    return Optional.empty();
                }
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        if (!unset.isEmpty()) {
            findings.add(HistoryFinding.warning(Kind.UNDEFINED_PLACEHOLDER, display + ":" + firstUnset,
                    "uses " + String.join(", ", unset) + " under '-- +goose ENVSUB ON', not set in the environment:"
                            + " goose (and so migrationtest) substitutes an empty string, so line " + firstUnset
                            + " runs as \"" + firstUnsetLine + "\"",
                    "set " + (unset.size() == 1 ? "it" : "them") + " in the environment migrationtest runs in, as for goose"));
        }
        return Optional.of(ScriptSource.of(out.toString()));
    }

    /** One line's expansions, read left to right; a default's word may hold expansions itself. */
    private static final class Expansion {
        private final String text;
        private final Map<String, String> environment;
        private final Set<String> unset;
        private int pos;

        Expansion(String text, Map<String, String> environment, Set<String> unset) {
            this.text = text;
            this.environment = environment;
            this.unset = unset;
        }

        String expand() {
            return expression((char) 0);
        }

        /** Text and expansions up to {@code stop} (not consumed) or the end. */
        private String expression(char stop) {
            StringBuilder out = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != stop) {
                if (text.startsWith("$$", pos) || text.startsWith("\\$", pos) || text.startsWith("\\\\", pos)) {
                    out.append(text, pos, pos + 2);
                    pos += 2;
                } else if (text.charAt(pos) == '$' && pos + 1 < text.length() && startsName(text.charAt(pos + 1))) {
                    pos++;
                    out.append(value(name()));
                } else if (text.startsWith("${", pos)) {
                    pos += 2;
                    out.append(braced());
                } else {
                    out.append(text.charAt(pos++));
                }
            }
            return out.toString();
        }

        private String braced() {
            String name = name();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'${' is not followed by a variable name (it starts with a letter)");
            }
            String value = environment.get(name);
            String result;
            if (text.startsWith("}", pos)) {
                result = value(name);
            } else if (text.startsWith(":-", pos)) {
                pos += 2;
                String word = expression('}');
                result = value == null || value.isEmpty() ? word : value;
            } else if (text.startsWith("-", pos)) {
                pos += 1;
                String word = expression('}');
                result = value == null ? word : value;
            } else if (text.startsWith(":?", pos) || text.startsWith("?", pos)) {
                pos += text.charAt(pos) == ':' ? 2 : 1;
                String message = expression('}');
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("${" + name + "} is not set"
                            + (message.isEmpty() ? "" : ": " + message));
                }
                result = value;
            } else if (text.startsWith(":", pos)) {
                pos += 1;
                result = substring(name, value == null ? "" : value);
            } else {
                throw new IllegalArgumentException("unexpected '" + (pos < text.length() ? text.charAt(pos) : ' ')
                        + "' after ${" + name);
            }
            if (!text.startsWith("}", pos)) {
                throw new IllegalArgumentException("${" + name + " is not closed with '}'");
            }
            pos++;
            return result;
        }

        private String substring(String name, String value) {
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw new IllegalArgumentException("${" + name + " is not closed with '}'");
            }
            String[] numbers = text.substring(pos, end).split(":", 2);
            pos = end;
            try {
                int offset = Integer.parseInt(numbers[0].strip());
                int from = offset < 0 ? Math.max(0, value.length() + offset) : Math.min(offset, value.length());
                if (numbers.length == 1) {
                    return value.substring(from);
                }
                int length = Integer.parseInt(numbers[1].strip());
                return value.substring(from, Math.min(value.length(), from + Math.max(0, length)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("${" + name + ":...} takes a number (an offset) and, after ':', a length");
            }
        }

        private String value(String name) {
            String value = environment.get(name);
            if (value == null) {
                unset.add(name);
                return "";
            }
            return value;
        }

        private String name() {
            int start = pos;
            if (pos < text.length() && startsName(text.charAt(pos))) {
                pos++;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
            }
            return text.substring(start, pos);
        }

        private static boolean startsName(char c) {
            return Character.isLetter(c);
        }
    }
}
