package io.github.migrationtest.verifier.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds statements that change what every database of a server shares: roles, tablespaces,
 * databases. Walked on several databases of one server at once, such a history would collide with
 * itself (one database's upgrade creates the role another's downgrade drops), so the verifier walks
 * it on one. The text is searched as written, bodies of {@code DO} blocks and functions included; a
 * mention in a comment counts too, which costs speed, never a wrong verdict.
 */
public final class ServerWideChanges {

    // USER MAPPING is a foreign server's, kept in the database.
    private static final Pattern CHANGE = Pattern.compile(
            "\\b(CREATE|ALTER|DROP)\\s+(ROLE|USER(?!\\s+MAPPING\\b)|GROUP|TABLESPACE|DATABASE)\\b",
            Pattern.CASE_INSENSITIVE);

    private ServerWideChanges() {
    }

    /** The first such statement in {@code text}, as {@code "CREATE ROLE"}; empty when there is none. */
    public static Optional<String> in(CharSequence text) {
        Matcher matcher = CHANGE.matcher(text);
        return matcher.find() ? Optional.of(statement(matcher)) : Optional.empty();
    }

    /** The same, in the section of {@code text} from {@code from} to {@code to}, with the line counted in the whole text. */
    public static Optional<String> in(String file, CharSequence text, int from, int to) {
        return at(file, CHANGE.matcher(text).region(from, to), text, 1);
    }

    /** The same, in one statement that starts on line {@code firstLine} of its file. */
    public static Optional<String> in(String file, int firstLine, CharSequence statement) {
        return at(file, CHANGE.matcher(statement), statement, firstLine);
    }

    private static Optional<String> at(String file, Matcher matcher, CharSequence text, int firstLine) {
        if (!matcher.find()) {
            return Optional.empty();
        }
        long line = text.subSequence(0, matcher.start()).chars().filter(c -> c == '\n').count() + firstLine;
        return Optional.of(file + ":" + line + ": " + statement(matcher));
    }

    private static String statement(Matcher matcher) {
        return (matcher.group(1) + " " + matcher.group(2)).toUpperCase(Locale.ROOT);
    }
}
