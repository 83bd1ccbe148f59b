package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A read of the change recorder's log inside the migration's transaction: a migration may have dropped the recorder,
 * and the failed read must leave the transaction usable. The savepoint, the read and the release go as one query
 * string, so one round trip instead of three; only a failure costs another, back to the savepoint.
 */
public final class UnderSavepoint {

    private UnderSavepoint() {
    }

    /** {@code query} between setting the savepoint {@code name} and releasing it. */
    public static String wrap(String name, String query) {
        return "savepoint " + name + ";\n" + query + ";\nrelease savepoint " + name;
    }

    /**
     * Returns to the savepoint {@code name} after {@code failure}, and gives the failure back to throw. When the
     * transaction had failed before the read, no savepoint was set: that second failure is kept with the first.
     */
    public static SQLException rolledBack(Connection connection, String name, SQLException failure) {
        try (Statement back = connection.createStatement()) {
            back.execute("rollback to savepoint " + name + "; release savepoint " + name);
        } catch (SQLException notSet) {
            failure.addSuppressed(notSet);
        }
        return failure;
    }
}
