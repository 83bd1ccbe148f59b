package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.SqlScript;
import java.util.List;

/**
 * SQL to run for one direction of a revision: a whole file, or a section of one (dbmate, goose).
 *
 * @param display how messages name the file
 * @param text the whole file's text (so line numbers are the file's)
 * @param from start of the section
 * @param to end of the section
 * @param outsideTransaction non-empty when the file asks to run without a transaction, and why
 * @param cuts offsets inside the section where a statement ends even without a semicolon (goose's
 *     {@code StatementEnd}); usually none
 */
public record ScriptPart(String display, String text, int from, int to, String outsideTransaction, List<Integer> cuts) {

    public ScriptPart {
        cuts = List.copyOf(cuts);
    }

    public ScriptPart(String display, String text, int from, int to, String outsideTransaction) {
        this(display, text, from, to, outsideTransaction, List.of());
    }

    public static ScriptPart whole(String display, String text) {
        return new ScriptPart(display, text, 0, text.length(), "");
    }

    /** The same SQL, run outside a transaction for the given reason. */
    public ScriptPart outside(String reason) {
        return new ScriptPart(display, text, from, to, reason, cuts);
    }

    public SqlScript parse() {
        return SqlScript.parse(display, text, from, to, cuts);
    }

    /** Whether there is no statement to run (an empty or comment-only file or section): a no-op step. */
    public boolean isEmpty() {
        return parse().statements().isEmpty();
    }
}
