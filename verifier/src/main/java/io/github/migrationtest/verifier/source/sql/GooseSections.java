package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two directions of a goose SQL migration, read as goose reads them: annotations are comment
 * lines {@code -- +goose <word>} matched without regard to case; {@code Up} starts the upgrade and
 * {@code Down} the downgrade; {@code StatementBegin}/{@code StatementEnd} enclose one statement that
 * may hold semicolons; {@code NO TRANSACTION} runs both directions outside a transaction. A file
 * without a {@code Down} section has an empty downgrade: goose runs nothing and forgets the version.
 */
final class GooseSections {

    private static final Pattern ANNOTATION = Pattern.compile(
            "(?im)^--\\s*\\+goose\\s*(up|down|statementbegin|statementend|no\\s+transaction|envsub\\s+on|envsub\\s+off)\\s*$");

    private GooseSections() {}

    /** Whether the file has goose's {@code Up} annotation. */
    static boolean isGoose(CommentLines comments) {
        for (CommentLines.Line line : comments.lines()) {
            Matcher matcher = ANNOTATION.matcher(line.text());
            if (matcher.find() && word(matcher).equals("up")) {
                return true;
            }
        }
        return false;
    }

    static ScriptPartsReader.Parts read(String display, ScriptSource text, CommentLines comments) {
        int upEnd = -1;
        int downStart = -1;
        int downEnd = -1;
        boolean noTransaction = false;
        List<Integer> cuts = new ArrayList<>();
        for (CommentLines.Line line : comments.lines()) {
            Matcher matcher = ANNOTATION.matcher(line.text());
            if (!matcher.find()) {
                continue;
            }
            int start = line.offset() + matcher.start();
            int end = line.offset() + matcher.end();
            switch (word(matcher)) {
                case "up" -> upEnd = upEnd < 0 ? end : upEnd;
                case "down" -> {
                    if (downStart < 0) {
                        downStart = start;
                        downEnd = end;
                    }
                }
                case "statementbegin", "statementend" -> cuts.add(start);
                case "notransaction" -> noTransaction = true;
                default -> { }
            }
        }
        String outside = noTransaction ? display + " has '-- +goose NO TRANSACTION'" : "";
        int upTo = downStart > upEnd ? downStart : SqlScript.TO_END;
        ScriptPart up = part(display, text, upEnd, upTo, outside, cuts);
        // No Down section: goose's down runs no statement and removes the version, a no-op step.
        ScriptPart down = downStart < 0 ? part(display, text, SqlScript.TO_END, SqlScript.TO_END, outside, List.of())
                : part(display, text, downEnd, SqlScript.TO_END, outside, cuts);
        return new ScriptPartsReader.Parts(Optional.of(up), Optional.of(down));
    }

    private static ScriptPart part(String display, ScriptSource text, int from, int to, String outside, List<Integer> cuts) {
        List<Integer> inside = cuts.stream().filter(cut -> cut > from && cut < to).toList();
        return new ScriptPart(display, text, from, to, outside, inside);
    }

    /** The annotation a line holds, in lower case without spaces ({@code statementbegin}); empty when none. */
    static String annotation(String line) {
        Matcher matcher = ANNOTATION.matcher(line);
        return matcher.find() ? word(matcher) : "";
    }

    private static String word(Matcher matcher) {
        return matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }
}
