package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import org.postgresql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach a server: the JDBC URL's host part and options, the credentials, and the database
 * to connect to for administration (creating and dropping the disposable ones).
 */
record ServerEndpoint(String hostPart, String options, String user, String password, String adminDatabase) {

    private static final Driver DRIVER = new Driver();
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?");

    static ServerEndpoint local(String host, int port, String user, String password) {
        return new ServerEndpoint("jdbc:postgresql://" + host + ":" + port, "", user, password, "postgres");
    }

    /** Parses a user's JDBC URL; credentials given separately win over none in the URL. */
    static ServerEndpoint parse(String url, String user, String password) {
        Matcher matcher = URL.matcher(url.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid value for %s: '%s'. Allowed: a JDBC URL such as jdbc:postgresql://localhost:5432/postgres",
                    PostgresSettings.URL, url));
        }
        String database = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        String options = matcher.group(3) == null ? "" : matcher.group(3);
        return new ServerEndpoint(matcher.group(1), options, user, password, database);
    }

    /** The same server and options, logging in as another user. */
    ServerEndpoint withLogin(String user, String password) {
        return new ServerEndpoint(hostPart, options, user, password, adminDatabase);
    }

    String jdbcUrl(String database) {
        return hostPart + "/" + database + options;
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "migrationtest");
        // The driver directly, not DriverManager: its service lookup misses drivers in some class loaders.
        Connection connection = DRIVER.connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + jdbcUrl(database));
        }
        return connection;
    }

    Connection connectAdmin() throws SQLException {
        return connect(adminDatabase);
    }
}
