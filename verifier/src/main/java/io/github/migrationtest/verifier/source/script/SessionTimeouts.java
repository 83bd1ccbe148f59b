package io.github.migrationtest.verifier.source.script;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Sets {@code lock_timeout} and {@code statement_timeout} on the session for the length of a step and
 * puts back what was there, so a hanging migration fails instead of hanging and the caller's
 * connection is left as it was.
 */
public final class SessionTimeouts {

    /** Work done while the timeouts are in force. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    private final Duration lockTimeout;
    private final Duration statementTimeout;

    public SessionTimeouts(Duration lockTimeout, Duration statementTimeout) {
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    public <T> T around(Connection connection, Work<T> work) throws SQLException {
        String previousLock = lockTimeout == null ? null : swap(connection, "lock_timeout", lockTimeout);
        String previousStatement = statementTimeout == null ? null : swap(connection, "statement_timeout", statementTimeout);
        try {
            return work.run();
        } finally {
            if (previousStatement != null) {
                set(connection, "statement_timeout", previousStatement);
            }
            if (previousLock != null) {
                set(connection, "lock_timeout", previousLock);
            }
        }
    }

    private static String swap(Connection connection, String name, Duration value) throws SQLException {
        return set(connection, name, value.toMillis() + "ms");
    }

    /** Sets a session setting and returns the value it had before. */
    private static String set(Connection connection, String name, String value) throws SQLException {
        // set_config(..., false) lasts for the session (once the surrounding transaction, if any, commits).
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT current_setting(?), set_config(?, ?, false)")) {
            statement.setString(1, name);
            statement.setString(2, name);
            statement.setString(3, value);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
