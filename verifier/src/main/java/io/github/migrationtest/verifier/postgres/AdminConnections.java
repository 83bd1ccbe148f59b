package io.github.migrationtest.verifier.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Idle connections to the administration database, reused for creating and dropping databases:
 * opening one costs about as much as creating a small database.
 */
final class AdminConnections implements AutoCloseable {

    /** Something to do with a borrowed connection. */
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private final ServerEndpoint endpoint;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();

    AdminConnections(ServerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void use(Work work) throws SQLException {
        Connection connection = idle.poll();
        if (connection == null || connection.isClosed()) {
            connection = endpoint.connectAdmin();
        }
        boolean healthy = false;
        try {
            work.run(connection);
            healthy = true;
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
