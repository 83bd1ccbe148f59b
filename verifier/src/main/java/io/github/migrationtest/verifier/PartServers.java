package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server each part of a walk works on: the run's own server, or, when the plan asks for it
 * ({@link WalkPlan#serverPerPart()}), a twin for each part but the last, so that a role one part
 * creates is not already there when another part's upgrade creates it, nor dropped under it by
 * another's downgrade. The last part walks on the run's server: it reaches head and walks back down to
 * base, so the run's server is left as a walk on one database leaves it, while the roles the earlier
 * parts made go with their twins. Twins are started by the part that uses them, so they start at the
 * same time, and stopped on {@link #close()}, after the walk's databases are dropped.
 */
final class PartServers implements AutoCloseable {

    private final PostgresServer own;
    private final boolean serverPerPart;
    private final int parts;
    private final Queue<PostgresServer> twins = new ConcurrentLinkedQueue<>();
    private final ProgressListener listener;

    PartServers(PostgresServer own, WalkPlan plan, ProgressListener listener) {
        this.own = own;
        this.listener = listener;
        this.serverPerPart = plan.serverPerPart();
        this.parts = plan.parts().size();
    }

    /** The server part {@code k} works on; a twin is started here, on the part's own thread. */
    PostgresServer forPart(int k) {
        if (!serverPerPart || k == parts - 1) {
            return own;
        }
        PostgresServer twin = own.startAnother();
        twins.add(twin);
        listener.serverStarted(twin);
        return twin;
    }

    @Override
    public void close() {
        for (PostgresServer twin; (twin = twins.poll()) != null; ) {
            try {
                listener.serverStopping(twin);
            } finally {
                twin.close();
            }
        }
    }
}
