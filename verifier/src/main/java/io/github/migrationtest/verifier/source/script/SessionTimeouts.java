package io.github.migrationtest.verifier.source.script;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** The settings to put in force, by name, in a stable order; empty when the server's own apply. */
    private final Map<String, String> settings = new LinkedHashMap<>();

    public SessionTimeouts(Duration lockTimeout, Duration statementTimeout) {
        if (lockTimeout != null) {
            settings.put("lock_timeout", lockTimeout.toMillis() + "ms");
        }
        if (statementTimeout != null) {
            settings.put("statement_timeout", statementTimeout.toMillis() + "ms");
        }
    }

    public <T> T around(Connection connection, Work<T> work) throws SQLException {
        if (settings.isEmpty()) {
            return work.run();
        }
        Map<String, String> previous = swap(connection, settings);
        try {
            return work.run();
        } finally {
            swap(connection, previous);
        }
    }

    /** Sets the settings, all in one round trip (this runs twice per migration step), and returns what they were. */
    private static Map<String, String> swap(Connection connection, Map<String, String> values) throws SQLException {
        String rows = String.join(", ", Collections.nCopies(values.size(), "(?, ?)"));
        // set_config(..., false) lasts for the session (once the surrounding transaction, if any, commits).
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, current_setting(name), set_config(name, value, false) FROM (VALUES " + rows + ") AS s (name, value)")) {
            int index = 1;
            for (Map.Entry<String, String> setting : values.entrySet()) {
                statement.setString(index++, setting.getKey());
                statement.setString(index++, setting.getValue());
            }
            Map<String, String> previous = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    previous.put(result.getString(1), result.getString(2));
                }
            }
            return previous;
        }
    }
}
