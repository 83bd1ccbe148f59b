package io.github.migrationtest.verifier.source.alembic;

import com.google.gson.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a step runs on, as the helper connects to it: host, port, database and user of the
 * JDBC connection the verifier gives the step, the password it was told, and the session's timeouts.
 */
final class StepTarget {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:,?]+|\\[[^]]+])(?::(\\d+))?[^/]*/([^?]*).*");

    private StepTarget() {
    }

    static JsonObject of(Connection connection, String password, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        String url = connection.getMetaData().getURL();
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new SQLException("Alembic cannot connect to " + url + ": not a jdbc:postgresql://host:port/database URL");
        }
        JsonObject target = new JsonObject();
        String host = matcher.group(1);
        target.addProperty("host", host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        target.addProperty("port", matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2)));
        target.addProperty("dbname", java.net.URLDecoder.decode(matcher.group(3), java.nio.charset.StandardCharsets.UTF_8));
        target.addProperty("user", connection.getMetaData().getUserName());
        if (password != null) {
            target.addProperty("password", password);
        }
        JsonObject settings = new JsonObject();
        if (lockTimeout != null) {
            settings.addProperty("lock_timeout", lockTimeout.toMillis() + "ms");
        }
        if (statementTimeout != null) {
            settings.addProperty("statement_timeout", statementTimeout.toMillis() + "ms");
        }
        target.add("settings", settings);
        return target;
    }
}
