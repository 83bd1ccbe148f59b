package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots one database again and again, re-reading only what DDL touched since the last
 * snapshot: a recorder (two event triggers) logs the objects each command creates, alters or drops,
 * and the read replaces the tables, types and routines that hold them or depend on them. The
 * result equals a whole read; where the recorder cannot tell what changed (grants, schemas,
 * extensions, the first read, a database the caller replaced) it reads the whole schema.
 *
 * <p>Postgres fires no event trigger for {@code CLUSTER} and for roles; a digest of clustered
 * indexes and role names, checked on every read, catches those; each read also compares every enum's labels with
 * those the last read saw, which catches a label deleted from {@code pg_enum} itself. Not seen at all: {@code
 * REASSIGN OWNED} and other direct updates of the catalogs. Turn incremental reads off for histories that rely
 * on those.
 */
public final class IncrementalReader {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalReader.class);

    /** How many reads between two vacuums of the recorder's log (each costs about a millisecond). */
    private static final int VACUUM_EVERY = 50;

    /** The recorder's log; its reads delete what they read, so a read on another role's connection needs DELETE on it. */
    public static final String LOG_TABLE = DdlRecorder.SCHEMA + ".touched";

    private final SnapshotOptions options;
    private final boolean recording;
    private SnapshotState state;
    private String untracked;
    private int wholeReads;
    private int partialReads;
    private int drains;

    private IncrementalReader(SnapshotOptions options, boolean recording) {
        this.options = options;
        this.recording = recording;
    }

    /**
     * Installs the recorder in the connected database, when the options ask for incremental reads
     * and the user may (a superuser); without it every read is a whole read. The recorder lives in a schema of its own, left out of snapshots,
     * and goes with the database.
     */
    public static IncrementalReader start(Connection connection, SnapshotOptions options) throws SQLException {
        return new IncrementalReader(options, options.incremental() && DdlRecorder.install(connection));
    }

    /** A reader that always reads the whole schema. */
    public static IncrementalReader wholeReads(SnapshotOptions options) {
        return new IncrementalReader(options, false);
    }

    /** Whether reads are partial when they can be. */
    public boolean isIncremental() {
        return recording;
    }

    /** The schema as it is now; equal to {@link SnapshotReader#read(Connection, SnapshotOptions)}. */
    public SchemaSnapshot read(Connection connection) throws SQLException {
        if (!recording) {
            return SnapshotReader.read(connection, options);
        }
        SnapshotState previous = state;
        state = null; // until this read succeeds, the next one must not trust what is left
        Changes changes;
        try {
            changes = DdlRecorder.drain(connection);
        } catch (SQLException e) {
            // A migration dropped the recorder (DROP OWNED, a script that empties the database): put it back
            // (inside a rolled-back round trip's transaction until its rollback brings the old one back); what
            // happened meanwhile is unknown, so this read is whole.
            LOG.debug("The recorder's log could not be read ({}); installing it again", e.getMessage());
            DdlRecorder.install(connection);
            changes = DdlRecorder.drain(connection).needingWholeRead("the recorder was dropped");
        }
        if (++drains % VACUUM_EVERY == 0) {
            DdlRecorder.vacuum(connection);
        }
        if (!Objects.equals(changes.untracked(), untracked)) {
            changes = changes.needingWholeRead("CLUSTER, a renamed role or a database setting");
        }
        untracked = changes.untracked();
        if (changes.recorderBroken()) {
            DdlRecorder.install(connection);
        }
        if (previous == null || changes.needsWholeRead()) {
            if (previous != null) {
                LOG.debug("Reading the whole schema after {}", changes.wholeBecause());
            }
            state = wholeRead(connection, changes);
        } else {
            try {
                previous.update(connection, changes); // with no changes and the same event triggers, it sends nothing
                partialReads++;
                state = previous;
            } catch (IllegalStateException e) {
                LOG.warn("A partial snapshot went out of step with the database ({}); reading the whole schema."
                        + " Please report this with the migration that caused it.", e.getMessage());
                state = wholeRead(connection, changes);
            }
        }
        return state.snapshot();
    }

    /**
     * A read that falls back from a partial one counts as whole only: tests that expect a partial
     * read then see the fallback, which would otherwise hide a partial read gone wrong.
     */
    private SnapshotState wholeRead(Connection connection, Changes changes) throws SQLException {
        wholeReads++;
        SnapshotState read = SnapshotState.read(connection, options);
        read.eventTriggersRead(changes.eventTriggers());
        return read;
    }

    /** How many reads read the whole schema, and how many only what changed (for the log and tests). */
    int wholeReads() {
        return wholeReads;
    }

    int partialReads() {
        return partialReads;
    }

    /** How many units the last read read again, when it was partial (for tests). */
    int unitsReadLast() {
        return state == null ? 0 : state.unitsRead();
    }

    /** Forgets the last snapshot, after the database was replaced: the next read is whole. */
    public void forget() {
        state = null;
    }

    /**
     * What this reader knows of the database now, for {@link #resume(Mark)} in a clone of it. A
     * clone keeps the objects' OIDs and the recorder's log of what changed since the last read, so
     * that knowledge plus the clone's log describes the clone, however much it is changed later.
     */
    public Mark mark() {
        return new Mark(state == null ? null : state.copy(), untracked);
    }

    /**
     * A mark that {@link #rollBack(RollBackMark)} returns to once, in the database as it was when marked (a round
     * trip's transaction, rolled back). Instead of copying what the reader knows, the reader records how to undo what
     * its reads change meanwhile: a mark then costs what the round trip changed, not a pass over every object.
     */
    public RollBackMark markForRollBack() {
        return new RollBackMark(state == null ? null : state.journal(), untracked);
    }

    /**
     * Reads the database that replaced this reader's as a clone of the one {@code mark} was taken
     * in: the next read is partial (only what changed since the mark, recorded in the clone), where a
     * {@link #forget()} would read the whole schema. The mark may be resumed again and again.
     */
    public void resume(Mark mark) {
        state = mark.state == null ? null : mark.state.copy();
        untracked = mark.untracked;
    }

    /** Puts the reader back to what it knew at {@code mark}, after the database was rolled back to it. */
    public void rollBack(RollBackMark mark) {
        state = mark.journal == null ? null : mark.journal.rollBack();
        untracked = mark.untracked;
    }

    /** The reader's knowledge of one database at one moment; see {@link #mark()}. */
    public static final class Mark {
        private final SnapshotState state;
        private final String untracked;

        private Mark(SnapshotState state, String untracked) {
            this.state = state;
            this.untracked = untracked;
        }
    }

    /** The reader's knowledge at one moment, kept as a journal of what changes it; see {@link #markForRollBack()}. */
    public static final class RollBackMark {
        private final SnapshotState.Journal journal;
        private final String untracked;

        private RollBackMark(SnapshotState.Journal journal, String untracked) {
            this.journal = journal;
            this.untracked = untracked;
        }
    }
}
