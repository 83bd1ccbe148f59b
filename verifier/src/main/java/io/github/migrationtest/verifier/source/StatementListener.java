package io.github.migrationtest.verifier.source;

import java.sql.Connection;

/**
 * Told about each statement a source runs itself, on the step's own connection, so that what a
 * statement did to the database can be measured and attributed to its file and line. Sources only
 * report statements; what is made of them is the listener's business. A listener must not fail the
 * step: it handles its own errors.
 */
public interface StatementListener {

    /** Listens to nothing. */
    StatementListener NONE = new StatementListener() {
    };

    /** What the comments a listener reads in a script start with: {@code -- migrationtest:allow ...}. */
    String COMMENT_MARK = "migrationtest:";

    /**
     * A script is about to run.
     *
     * @param text the script's lines that hold {@link #COMMENT_MARK}, every other line empty so line numbers
     *     hold (of the region of its file, for a file holding both directions): a big script is not held whole
     */
    default void scriptStarting(Connection connection, String file, String text) {
    }

    /** A statement is about to run. */
    default void beforeStatement(Connection connection, ExecutedStatement statement) {
    }

    /** A statement ran without error; in a transactional step its transaction is still open. */
    default void afterStatement(Connection connection, ExecutedStatement statement) {
    }

    /**
     * One statement of a script.
     *
     * @param file the file as the user names it
     * @param line 1-based line where the statement starts
     * @param sql the statement as sent
     * @param code the statement without comments, upper-cased, whitespace collapsed
     * @param transactional whether the step runs in one transaction (else each statement commits itself)
     */
    record ExecutedStatement(String file, int line, String sql, String code, boolean transactional) {
    }
}
