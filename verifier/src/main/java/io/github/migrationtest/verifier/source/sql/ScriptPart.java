package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.SqlScript;

/**
 * SQL to run for one direction of a revision: a whole file, or a section of one (dbmate).
 *
 * @param display how messages name the file
 * @param text the whole file's text (so line numbers are the file's)
 * @param from start of the section
 * @param to end of the section
 * @param outsideTransaction non-empty when the file asks to run without a transaction, and why
 */
public record ScriptPart(String display, String text, int from, int to, String outsideTransaction) {

    public static ScriptPart whole(String display, String text) {
        return new ScriptPart(display, text, 0, text.length(), "");
    }

    public SqlScript parse() {
        return SqlScript.parse(display, text, from, to);
    }
}
