package io.github.migrationtest.verifier.source;

import java.sql.Connection;
import java.sql.ResultSet;

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

    /**
     * Queries to send in the statement's own round trip, so that observing it costs no round trip of its
     * own. Asked (before {@link #beforeStatement}) only of a statement that runs inside the step's
     * transaction and is not a {@code COPY ... FROM STDIN}; when asked, the listener needs no reads of its
     * own around that statement.
     */
    default Carried carried(Connection connection, ExecutedStatement statement) {
        return Carried.NONE;
    }

    /** A statement is about to run. */
    default void beforeStatement(Connection connection, ExecutedStatement statement) {
    }

    /** A statement ran without error; in a transactional step its transaction is still open. */
    default void afterStatement(Connection connection, ExecutedStatement statement) {
    }

    /**
     * Read-only queries sent with a statement in one round trip and its transaction, each one statement
     * giving one result set: {@code before} just before it, {@code after} after it (and after the step's
     * bookkeeping, when that rides along too). Reading a result must not throw: a listener handles its
     * own errors.
     */
    interface Carried {

        /** Nothing carried. */
        Carried NONE = new Carried() {
        };

        /** The query to run just before the statement; empty for none. */
        default String before() {
            return "";
        }

        /** The query to run last; empty for none. */
        default String after() {
            return "";
        }

        default void readBefore(ResultSet rows) {
        }

        default void readAfter(ResultSet rows) {
        }
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
