package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A read of the change recorder's log inside the migration's transaction: a migration may have dropped the recorder,
 * and the failed read must leave the transaction usable. The savepoint, the read and the release go as one query
 * string, so one round trip instead of three; only a failure costs another, back to the savepoint.
 */
public final class UnderSavepoint {

    /** Set and released around each read: a read's savepoint never outlives it, so one name serves every read. */
    private static final String NAME = "migrationtest_read";

    /** Binds a read's parameters, or sets how it is prepared. */
    public interface Preparation {
        void prepare(PreparedStatement statement) throws SQLException;
    }

    /** Turns a read's rows into its result. */
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private UnderSavepoint() {
    }

    /**
     * Runs {@code query}, which returns rows, under a savepoint. When the server fails it, the transaction is taken
     * back to the savepoint before the failure is thrown; when the transaction had failed before, no savepoint was
     * set, and that second failure is kept with the first. Reading the rows happens after the release: a failure
     * there leaves the transaction as the read found it (a way back to the released savepoint would abort it).
     */
    public static <T> T read(Connection connection, String query, Preparation preparation, Rows<T> rows)
            throws SQLException {
        return read(connection, query, 0, preparation, rows);
    }

    /**
     * {@link #read(Connection, String, Preparation, Rows)} of a query string whose first {@code skipped} statements'
     * results come before the rows to read (settings set first, for example).
     */
    public static <T> T read(Connection connection, String query, int skipped, Preparation preparation, Rows<T> rows)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "savepoint " + NAME + ";\n" + query + ";\nrelease savepoint " + NAME)) {
            preparation.prepare(statement);
            try {
                statement.execute(); // the savepoint's result; the driver has all three by now
            } catch (SQLException failure) {
                backToSavepoint(connection, failure);
                throw failure;
            }
            for (int i = 0; i <= skipped; i++) {
                statement.getMoreResults(); // past the savepoint's result, then the skipped ones
            }
            try (ResultSet result = statement.getResultSet()) {
                return rows.read(result);
            }
        }
    }

    private static void backToSavepoint(Connection connection, SQLException failure) {
        try (Statement back = connection.createStatement()) {
            back.execute("rollback to savepoint " + NAME + "; release savepoint " + NAME);
        } catch (SQLException notSet) {
            failure.addSuppressed(notSet);
        }
    }
}
