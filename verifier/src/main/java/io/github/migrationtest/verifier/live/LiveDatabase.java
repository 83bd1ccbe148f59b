package io.github.migrationtest.verifier.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A database someone else owns, which is only ever read: every read runs in a transaction that is
 * read-only three times over (the session's {@code default_transaction_read_only}, the driver's
 * read-only connection, {@code SET TRANSACTION READ ONLY}) and is rolled back, never committed, also
 * when the read fails.
 */
public final class LiveDatabase {

    /** Work done inside the read-only transaction. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final String description;

    private LiveDatabase(Connector connector, String description) {
        this.connector = connector;
        this.description = description;
    }

    /**
     * The database at a JDBC URL; {@code user} and {@code password} may be null (then the URL's, or
     * the driver's defaults). The session starts read-only: {@code default_transaction_read_only} is
     * sent with the connection's start-up packet, before any statement.
     */
    public static LiveDatabase at(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--postgres-url " + jdbcUrl + ": not a PostgreSQL JDBC URL;"
                    + " give one like jdbc:postgresql://host:5432/database");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("options", "-c default_transaction_read_only=on");
        properties.setProperty("readOnly", "true");
        properties.setProperty("ApplicationName", "migrationtest status (read-only)");
        String shown = withoutParameters(jdbcUrl) + (user == null ? "" : " as " + user);
        return new LiveDatabase(() -> DriverManager.getConnection(jdbcUrl, properties), shown);
    }

    /** The database behind a data source (an integration test's): its connections are made read-only per read. */
    public static LiveDatabase of(DataSource dataSource, String description) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new LiveDatabase(dataSource::getConnection, description);
    }

    /** Where it is, without password or other URL parameters: {@code jdbc:postgresql://db:5432/app as reader}. */
    public String description() {
        return description;
    }

    /**
     * Runs {@code read} in one read-only, repeatable-read transaction (so everything it reads is one
     * consistent state), rolls it back and closes the connection.
     *
     * @throws SQLException when the database cannot be reached or the transaction is not read-only
     */
    public <T> T read(Read<T> read) throws SQLException {
        try (Connection connection = open()) {
            // Put back afterwards: a data source's connection may go back to a pool.
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                requireReadOnly(connection);
                return read.run(connection);
            } finally {
                connection.rollback();
                connection.setReadOnly(readOnly);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Connection open() throws SQLException {
        try {
            return connector.open();
        } catch (SQLException e) {
            throw new SQLException("Could not connect to the live database " + description + ": " + e.getMessage()
                    + ". Fix: check the URL, --user and --password (or PGPASSWORD)", e.getSQLState(), e);
        }
    }

    /** A guard, not a formality: a pooler or a proxy in between could drop the session setting. */
    private void requireReadOnly(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_setting('transaction_read_only')")) {
            row.next();
            if (!"on".equals(row.getString(1))) {
                throw new SQLException("The transaction on " + description + " is not read-only; migrationtest"
                        + " reads a live database only in a read-only transaction, so it stopped before reading");
            }
        }
    }

    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return description;
    }
}
