package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The database the verifier walks the history in, with one connection kept open across steps
 * (opening one costs about as much as a small migration), and a checkpoint: a clone of a state
 * known to be right, so that a broken downgrade is recovered from by cloning and replaying a few
 * upgrades, never by trusting the broken downgrade.
 */
final class WorkingDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final MigrationSource source;
    private final IncrementalReader reader;
    private final Object stepLock;
    private DisposableDatabase database;
    private Connection connection;
    private DisposableDatabase checkpoint;
    private int checkpointIndex = -1;
    private long cloneNanos;
    private long upgradeNanosSinceCheckpoint;

    /**
     * @param stepLock held while a step runs: one shared by all working databases when the source's steps
     *     must not run concurrently ({@link MigrationSource#supportsConcurrentSteps()}), else one of its own
     */
    WorkingDatabase(PostgresServer server, MigrationSource source, SnapshotOptions snapshotOptions, Object stepLock)
            throws SQLException {
        this.server = server;
        this.source = source;
        this.stepLock = stepLock;
        this.database = server.createDatabase();
        try {
            this.reader = IncrementalReader.start(connection(), snapshotOptions);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = database.connect();
        }
        return connection;
    }

    StepResult upgrade(Revision revision) throws SQLException {
        Connection open = connection();
        synchronized (stepLock) {
            long started = System.nanoTime();
            try {
                return source.upgrade(revision, open);
            } finally {
                upgradeNanosSinceCheckpoint += System.nanoTime() - started;
            }
        }
    }

    StepResult downgrade(Revision revision) throws SQLException {
        Connection open = connection();
        synchronized (stepLock) {
            return source.downgrade(revision, open);
        }
    }

    SchemaSnapshot snapshot() throws SQLException {
        return reader.read(connection());
    }

    /**
     * Whether to checkpoint after the revision at {@code index}: once the upgrades since the last
     * checkpoint took ten times as long as taking one (so checkpoints cost at most a tenth of the
     * walk, and a recovery replays upgrades worth about ten clones), or {@code maxInterval}
     * revisions after the last, whichever comes first.
     */
    boolean checkpointDue(int index, int maxInterval) {
        return index - checkpointIndex >= maxInterval || upgradeNanosSinceCheckpoint >= 10 * cloneNanos;
    }

    /** Remembers the current state, reached after the revision at {@code index} (-1: base). */
    void checkpoint(int index) throws SQLException {
        closeConnection(); // a database is cloned only while nobody is connected to it
        DisposableDatabase previous = checkpoint;
        long started = System.nanoTime();
        checkpoint = server.createDatabaseFrom(database);
        cloneNanos = System.nanoTime() - started;
        upgradeNanosSinceCheckpoint = 0;
        checkpointIndex = index;
        if (previous != null) {
            previous.close();
        }
    }

    /** Puts the database back in the state after {@code revisions[index]}: the checkpoint, then upgrades. */
    void recover(List<Revision> revisions, int index) throws SQLException {
        closeConnection();
        database.close();
        database = server.createDatabaseFrom(checkpoint);
        reader.forget();
        for (int i = checkpointIndex + 1; i <= index; i++) {
            upgrade(revisions.get(i));
        }
    }

    private void closeConnection() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        try {
            closeConnection();
        } catch (SQLException ignored) {
            // The database is dropped with force next: an unclosable connection does not matter.
        }
        database.close();
        if (checkpoint != null) {
            checkpoint.close();
        }
    }
}
