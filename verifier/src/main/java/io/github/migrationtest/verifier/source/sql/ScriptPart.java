package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.ScriptSource;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.util.List;

/**
 * SQL to run for one direction of a revision: a whole file, or a section of one (dbmate, goose).
 *
 * @param display how messages name the file
 * @param source the whole file's text (so line numbers are the file's), read when the SQL runs
 * @param from start of the section
 * @param to end of the section, {@link SqlScript#TO_END} for the end of the file
 * @param outsideTransaction non-empty when the file asks to run without a transaction, and why
 * @param cuts offsets inside the section where a statement ends even without a semicolon (goose's
 *     {@code StatementEnd}); usually none
 * @param sentAsOneQuery non-empty when the tool sends the SQL outside a transaction as one query (sqlx's {@code
 *     -- no-transaction} file, dbmate's {@code transaction:false} section), saying so: Postgres runs a query of several
 *     statements as one transaction, so such SQL runs as one, and only a lone statement outside any
 */
public record ScriptPart(String display, ScriptSource source, int from, int to, String outsideTransaction,
                         List<Integer> cuts, String sentAsOneQuery) {

    public ScriptPart {
        cuts = List.copyOf(cuts);
        sentAsOneQuery = sentAsOneQuery == null ? "" : sentAsOneQuery;
    }

    public ScriptPart(String display, ScriptSource source, int from, int to, String outsideTransaction,
                      List<Integer> cuts) {
        this(display, source, from, to, outsideTransaction, cuts, "");
    }

    public ScriptPart(String display, ScriptSource source, int from, int to, String outsideTransaction) {
        this(display, source, from, to, outsideTransaction, List.of());
    }

    public static ScriptPart whole(String display, ScriptSource source) {
        return new ScriptPart(display, source, 0, SqlScript.TO_END, "");
    }

    public static ScriptPart whole(String display, String text) {
        return whole(display, ScriptSource.of(text));
    }

    /** The same SQL, run outside a transaction for the given reason. */
    public ScriptPart outside(String reason) {
        return new ScriptPart(display, source, from, to, reason, cuts, sentAsOneQuery);
    }

    /** The same SQL, which the tool sends as one query outside a transaction ({@link #sentAsOneQuery}). */
    public ScriptPart sentAsOneQuery(String how) {
        return new ScriptPart(display, source, from, to, outsideTransaction, cuts, how);
    }

    public SqlScript parse() {
        return SqlScript.of(display, source, from, to, cuts);
    }

    /** The section's text: costs its size, for what must be whole (placeholders). */
    public String text() {
        return parse().text();
    }

    /** Whether there is no statement to run (an empty or comment-only file or section): a no-op step. */
    public boolean isEmpty() {
        return parse().isEmpty();
    }
}
