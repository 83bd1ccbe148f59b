package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Idle connections to the administration database, reused for creating and dropping databases:
 * opening one costs about as much as creating a small database.
 */
final class AdminConnections implements AutoCloseable {

    /** Something to do with a statement on a borrowed connection, and its result. */
    interface Work<T> {
        T run(Statement statement) throws SQLException;
    }

    private final ServerEndpoint endpoint;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

    AdminConnections(ServerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    <T> T use(Work<T> work) throws SQLException {
        Connection connection = idle.poll();
        if (connection == null || connection.isClosed()) {
            connection = endpoint.connectAdmin();
        }
        boolean healthy = false;
        try (Statement statement = connection.createStatement()) {
            T result = work.run(statement);
            healthy = true;
            return result;
        } finally {
            // A connection whose work failed may be in any state: close it rather than share it.
            if (healthy && connection.getAutoCommit()) {
                idle.offer(connection);
            } else {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is best effort: the server may be gone already.
            }
        }
    }
}
