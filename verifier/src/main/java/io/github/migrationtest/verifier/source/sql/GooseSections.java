package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two directions of a goose SQL migration, read as goose reads them: annotations are comment
 * lines {@code -- +goose <word>}, recognised exactly where goose recognises them ({@link GooseAnnotations#extract});
 * {@code Up} starts the upgrade and {@code Down} the downgrade; {@code StatementBegin}/{@code StatementEnd} enclose one statement that
 * may hold semicolons; {@code NO TRANSACTION} runs both directions outside a transaction. A file
 * without a {@code Down} section has an empty downgrade: goose runs nothing and forgets the version.
 */
final class GooseSections {

    private GooseSections() {}

    /** Whether the file has an {@code Up} annotation goose reads. */
    static boolean hasUp(CommentLines comments) {
        return comments.lines().stream().anyMatch(line -> annotation(line.text()).equals(GooseAnnotations.UP));
    }

    /**
     * Whether a comment holds {@code +goose}, which goose reads as an annotation or refuses ({@code --- +goose Up}): a
     * file written for goose, to be reported as goose refuses it rather than run whole as another tool's.
     */
    static boolean mentionsGoose(CommentLines comments) {
        return comments.lines().stream().anyMatch(line -> GooseAnnotations.isAttempt(line.text()));
    }

    static ScriptPartsReader.Parts read(String display, ScriptSource text, CommentLines comments) {
        int upEnd = -1;
        int downStart = -1;
        int downEnd = -1;
        boolean noTransaction = false;
        List<Integer> cuts = new ArrayList<>();
        for (CommentLines.Line line : comments.lines()) {
            int start = line.offset();
            int end = line.offset() + line.text().length();
            switch (annotation(line.text())) {
                case GooseAnnotations.UP -> upEnd = upEnd < 0 ? end : upEnd;
                case GooseAnnotations.DOWN -> {
                    if (downStart < 0) {
                        downStart = start;
                        downEnd = end;
                    }
                }
                case GooseAnnotations.STATEMENT_BEGIN, GooseAnnotations.STATEMENT_END -> cuts.add(start);
                case GooseAnnotations.NO_TRANSACTION -> noTransaction = true;
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

    /** The annotation goose reads in a line, in lower case ({@code statementbegin}); empty when none. */
    static String annotation(String line) {
        return GooseAnnotations.extract(line).orElse("");
    }
}
