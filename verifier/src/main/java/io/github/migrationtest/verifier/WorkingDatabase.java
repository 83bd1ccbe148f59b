package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.PreparedOnce;
import io.github.migrationtest.verifier.safety.SafetyRecorder;
import io.github.migrationtest.verifier.safety.StepRecord;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.protect.ProtectedSchemas;
import io.github.migrationtest.verifier.protect.ProtectionGuard;
import io.github.migrationtest.verifier.protect.Touch;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database the verifier walks the history in, with one connection kept open across steps
 * (opening one costs about as much as a small migration), and a checkpoint: a clone of a state
 * known to be right, so that a broken downgrade is recovered from by cloning and replaying a few
 * upgrades, never by trusting the broken downgrade.
 */
final class WorkingDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkingDatabase.class);

    /**
     * {@code -Dmigrationtest.rollBackRoundTrips=false} commits every round trip's steps, as before round
     * trips were rolled back: to compare the two paths' verdicts and costs.
     */
    static final String ROLL_BACK_PROPERTY = "migrationtest.rollBackRoundTrips";

    private final PostgresServer server;
    private final MigrationSource source;
    private final IncrementalReader reader;
    private final Object stepLock;
    private DisposableDatabase database;
    /** The server's user's: the DDL recorder, init scripts, the protected-schemas guard. */
    private Connection connection;
    /** The migrations' login's (a role without superuser by default): the steps, and the snapshots of what they did. */
    private Connection steps;
    private DisposableDatabase checkpoint;
    /** What the reader knew when the checkpoint was cloned: after a rebuild the first read is then partial. */
    private IncrementalReader.Mark checkpointMark;
    private int checkpointIndex = -1;
    private long cloneNanos;
    private long upgradeNanosSinceCheckpoint;
    /** For the checkpoints' spacing: the index of the first checkpoint, the upgrades' time since and the rebuilds. */
    private int firstCheckpointIndex = Integer.MIN_VALUE;
    private long upgradeNanos;
    private int recoveries;
    private int checkpoints;
    private ExecutorService drops;
    /** The server's next transaction id when the last downgrade started; -1 when it could not be read. */
    private long downgradeHorizon = -1;
    /** The same when the last {@link #reupgrade} started. */
    private long reupgradeHorizon = -1;
    /** Whether the protected-schemas guard is installed (clones of this database have it too). */
    private boolean guarded;
    /** Measures the steps asked for; {@code null} when safety is not measured. */
    private final SafetyRecorder safety;
    private StepRecord lastObserved;
    /**
     * Whether the session reset flushes its statistics (Postgres 15 and later: {@link SessionReset#reset}), where
     * safety is measured on a source that reads no table before its statements; asked once the steps' connection is
     * open, as its role may not be allowed to (a server that revoked the function): {@code null} until then.
     */
    private Boolean resetFlushesStatistics;
    /**
     * Whether the steps' session flushed its statistics since it last ran a step: between steps the walk reads only
     * catalogs on it, so no scan of a user's table is pending when the next step starts (told to {@link #safety}).
     */
    private boolean scansFlushed;
    /** While {@link #rolledBack} runs: steps and snapshots happen inside its transaction on the steps' connection. */
    private boolean inWindow;
    /** Whether a step ran in the open window: the first one starts from the state its rollback restores. */
    private boolean windowStepRan;
    /** Whether the window's first step was measured, and {@link #safety} kept what its start read. */
    private boolean windowStartKept;
    /**
     * Whether the database and the steps' session are as they were when the last window's first step started, which
     * was measured: its rollback restored them and nothing ran since. The next measured step then starts in that
     * state, and measuring reuses what that step's start read (a query a revision: generated-200's measuring costs
     * 0.87x). Any step, a new connection or a rebuild ends it.
     */
    private boolean asAtWindowStart;
    /** A step failed inside the window and its transaction is rolled back already: nothing more may run in it. */
    private boolean windowEnded;
    private int roundTripsRolledBack;
    private final boolean rollBack = !"false".equals(System.getProperty(ROLL_BACK_PROPERTY));
    /** Whether the history creates or drops roles (or other objects of the server's), as far as its source can tell. */
    private final boolean changesRoles;

    /**
     * @param stepLock held while a step runs: one shared by all working databases when the source's steps
     *     must not run concurrently ({@link MigrationSource#supportsConcurrentSteps()}), else one of its own
     */
    WorkingDatabase(PostgresServer server, MigrationSource source, SnapshotOptions snapshotOptions, Object stepLock)
            throws SQLException {
        this(server, source, snapshotOptions, stepLock, null);
    }

    /** @param safety measures {@link #observedUpgrade} and {@link #observedDowngrade}; {@code null} for none */
    WorkingDatabase(PostgresServer server, MigrationSource source, SnapshotOptions snapshotOptions, Object stepLock,
                    SafetyRecorder safety) throws SQLException {
        this.server = server;
        this.safety = safety;
        this.source = source;
        this.changesRoles = source.serverWideChange().isPresent();
        this.stepLock = stepLock;
        this.database = server.createDatabase();
        source.usePassword(database.migrationsPassword());
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

    /** Gives what the init scripts made in the database to the migrations' role (see {@link MigrationPrivileges}). */
    void handOverInitObjects() throws SQLException {
        MigrationPrivileges.handOverInitObjects(connection(), database);
    }

    private Connection steps() throws SQLException {
        if (steps == null || steps.isClosed()) {
            steps = MigrationPrivileges.connect(database);
            scansFlushed = false;
            asAtWindowStart = false;
            if (resetFlushesStatistics == null) {
                resetFlushesStatistics = safety != null && server.majorVersion() >= 15
                        && source.readsNoTableBeforeItsStatements() && query(steps, MAY_FLUSH_STATISTICS, false);
            }
        }
        return steps;
    }

    StepResult upgrade(Revision revision) throws SQLException {
        Connection open = steps();
        synchronized (stepLock) {
            long started = System.nanoTime();
            try {
                return inFreshSession(revision, Direction.UP, open, () -> inWindow
                        ? source.runUncommitted(revision, Direction.UP, open) : source.upgrade(revision, open));
            } finally {
                long took = System.nanoTime() - started;
                upgradeNanosSinceCheckpoint += took;
                upgradeNanos += took;
            }
        }
    }

    /**
     * An upgrade whose statements are measured; {@link #lastObserved()} tells what was found. Where a checkpoint is kept
     * and the history changes roles, the upgrade's {@code DROP ROLE} may be refused for the checkpoint's copy of what
     * depends on the role, as the downgrade's may ({@link #droppedCheckpointHolding}): only then is the server's next
     * transaction id asked first (a round trip a revision).
     */
    StepResult observedUpgrade(Revision revision) throws SQLException {
        long horizon = checkpoint != null && !inWindow && changesRoles ? query(steps(), NEXT_TRANSACTION, -1L) : -1L;
        return observedOnceMoreIfHeld(Direction.UP, () -> upgrade(revision), () -> horizon);
    }

    /** A downgrade whose statements are measured; {@link #lastObserved()} tells what was found. */
    StepResult observedDowngrade(Revision revision) throws SQLException {
        // The downgrade reads its horizon as it starts (see downgrade(Revision, boolean)).
        return observedOnceMoreIfHeld(Direction.DOWN, () -> downgrade(revision), () -> downgradeHorizon);
    }

    /**
     * A measured step, run once more where the checkpoint's copy is what refused its {@code DROP ROLE} and the step
     * committed nothing since {@code horizon} ({@link #droppedCheckpointHolding}).
     */
    private StepResult observedOnceMoreIfHeld(Direction direction, Step step, LongSupplier horizon) throws SQLException {
        try {
            return observed(direction, step);
        } catch (MigrationFailedException e) {
            if (!droppedCheckpointHolding(e.failure(), horizon.getAsLong())) {
                throw e;
            }
            return observed(direction, step);
        }
    }

    /**
     * Drops the checkpoint when it is what kept a step's {@code DROP ROLE} from running (its copy of a grant to the
     * role, or of an object the role owns: {@link RoleHeldByCopy}) and the step was rolled back whole (nothing committed
     * since {@code horizon}, the server's next transaction id when it started), so that it can run again as on the user's
     * one database. For a downgrade the checkpoint was taken for its round trip (the state after the upgrade, which
     * holds what the upgrade granted): without it a round trip that leaves the state wrong cannot be rebuilt ({@link
     * #recover}), which a right downgrade does not. For an upgrade the round trip that follows takes another.
     */
    private boolean droppedCheckpointHolding(MigrationFailure failure, long horizon) throws SQLException {
        if (inWindow || checkpoint == null || horizon < 0
                || !RoleHeldByCopy.copies(failure).contains(checkpoint.name()) || changedSince(horizon)) {
            return false;
        }
        LOG.debug("The step's DROP ROLE was refused for the checkpoint {}'s copy of what depends on the role: dropped,"
                + " and the step runs again", checkpoint.name());
        dropCheckpoints();
        return true;
    }

    /** What measuring the last observed step found (also when it failed). */
    StepRecord lastObserved() {
        return lastObserved;
    }

    private StepResult observed(Direction direction, Step step) throws SQLException {
        if (safety == null) {
            lastObserved = StepRecord.none(direction);
            return step.run();
        }
        // The connection the step runs on (the migrations' role's): measuring happens inside its transactions.
        Connection open = steps();
        boolean firstInWindow = inWindow && !windowStepRan;
        safety.begin(direction, open, scansFlushed, asAtWindowStart);
        try {
            return step.run();
        } finally {
            lastObserved = safety.end(direction, open, firstInWindow);
            windowStartKept |= firstInWindow;
        }
    }

    StepResult downgrade(Revision revision) throws SQLException {
        return downgrade(revision, true);
    }

    /**
     * A downgrade of the full downgrade, which fails the check where it fails: nothing asks afterwards whether it
     * committed anything, so it does not first ask for the server's next transaction id (a round trip a revision).
     */
    StepResult downgradeTowardsBase(Revision revision) throws SQLException {
        return downgrade(revision, false);
    }

    private StepResult downgrade(Revision revision, boolean watched) throws SQLException {
        Connection open = steps();
        synchronized (stepLock) {
            // In a rolled-back round trip nothing asks: the rollback puts the state back whatever the step did.
            downgradeHorizon = watched && !inWindow ? query(open, NEXT_TRANSACTION, -1L) : -1L;
            return inFreshSession(revision, Direction.DOWN, open, () -> inWindow
                    ? source.runUncommitted(revision, Direction.DOWN, open) : source.downgrade(revision, open));
        }
    }

    /** The scripts the source's tool runs with every upgrade besides the revision's own (Flyway's callbacks). */
    List<String> upgradeCallbacks() {
        return source.upgradeCallbacks();
    }

    /** The upgrade after the downgrade; {@link #changedSinceReupgradeStarted()} then tells whether it committed anything. */
    StepResult reupgrade(Revision revision) throws SQLException {
        reupgradeHorizon = inWindow ? -1L : query(steps(), NEXT_TRANSACTION, -1L); // as for the downgrade's
        return upgrade(revision);
    }

    /**
     * Records {@code revision} as applied in the tool's bookkeeping without running its SQL (see {@link
     * MigrationSource#recordApplied}); false when the source cannot or it failed, and the state is to be rebuilt.
     */
    boolean recordApplied(Revision revision) throws SQLException {
        Connection open = steps();
        synchronized (stepLock) {
            scansFlushed = false;
            asAtWindowStart = false;
            try {
                return source.recordApplied(revision, open);
            } catch (MigrationFailedException e) {
                resetAfterFailure(open, e);
                return false;
            }
        }
    }

    private interface Step {
        StepResult run() throws SQLException;
    }

    /**
     * Runs a step, then resets the session for the next one. A step that left a transaction open
     * fails here, at its own revision: otherwise the next step would commit its work, or fail for it.
     * A session that cannot be reset (the step broke the connection) is replaced by a new one.
     */
    private StepResult inFreshSession(Revision revision, Direction direction, Connection open, Step step)
            throws SQLException {
        if (windowEnded) {
            throw new IllegalStateException("a step of revision " + revision.id() + " failed in the round trip's"
                    + " transaction, which is rolled back: nothing more runs in it");
        }
        StepResult result;
        scansFlushed = false;
        asAtWindowStart = false;
        windowStepRan |= inWindow;
        try {
            result = step.run();
        } catch (MigrationFailedException e) {
            windowEnded = inWindow; // the step rolled the window's transaction back
            resetAfterFailure(open, e);
            MigrationLogin.Kind login = database.server().migrationsKind();
            throw MigrationPrivileges.explain(RowSecurityHint.explain(e, open, login), login);
        } catch (SQLException | RuntimeException e) {
            windowEnded = inWindow;
            resetAfterFailure(open, e);
            throw e;
        }
        boolean leftOpen;
        try {
            leftOpen = inWindow ? SessionReset.resetInTransaction(open) : reset(open);
        } catch (SQLException broken) {
            closeConnection();
            throw broken;
        }
        if (leftOpen) {
            throw new MigrationFailedException(revision, direction, MigrationFailure.of(String.join(", ", revision.files()),
                    "the " + direction.verb() + " left a transaction open (BEGIN"
                            + " without COMMIT); its work was rolled back. Fix: end the transaction in the migration"),
                    null);
        }
        return result;
    }

    private void resetAfterFailure(Connection open, Exception e) {
        try {
            reset(open);
        } catch (SQLException broken) {
            e.addSuppressed(broken);
            try {
                closeConnection();
            } catch (SQLException ignored) {
                // replaced on the next step
            }
        }
    }

    private static final String MAY_FLUSH_STATISTICS =
            "select pg_catalog.has_function_privilege('pg_catalog.pg_stat_force_next_flush()', 'EXECUTE')";

    /** {@link SessionReset#reset}, flushing the session's statistics where it can (see {@link #scansFlushed}). */
    private boolean reset(Connection open) throws SQLException {
        boolean flush = Boolean.TRUE.equals(resetFlushesStatistics);
        boolean leftOpen = SessionReset.reset(open, flush);
        scansFlushed = flush;
        return leftOpen;
    }

    /** The server's next transaction id (txid functions: Postgres 10 and later). */
    private static final String NEXT_TRANSACTION = "select txid_snapshot_xmax(txid_current_snapshot())";

    /**
     * Whether a transaction that may have committed began since the last downgrade started, on this or
     * another database of the server: when none did, a failed downgrade was rolled back whole and left
     * the database exactly as it was, schema and data, so it needs no rebuilding. Other databases'
     * transactions count too (they cannot be told apart), which only errs towards rebuilding.
     */
    boolean changedSinceDowngradeStarted() throws SQLException {
        return changedSince(downgradeHorizon);
    }

    /** Whether a transaction that may have committed began since the last {@link #reupgrade} started (as above). */
    boolean changedSinceReupgradeStarted() throws SQLException {
        return changedSince(reupgradeHorizon);
    }

    private boolean changedSince(long horizon) throws SQLException {
        if (horizon < 0) {
            return true;
        }
        return query(steps(), CHANGED_SINCE, true, horizon);
    }

    private static final String CHANGED_SINCE = "select exists (select 1 from generate_series(?::bigint,"
            + " txid_snapshot_xmax(txid_current_snapshot()) - 1) x where txid_status(x) is distinct from 'aborted')";

    /**
     * A one-value query; {@code otherwise} when the server cannot answer it (the caller then errs on the safe side).
     * Prepared on the server at its first run: the walk asks some of these for every revision, and planning them
     * each time cost more than running them.
     */
    @SuppressWarnings("unchecked")
    private static <T> T query(Connection connection, String sql, T otherwise, Object... parameters)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            return otherwise;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PreparedOnce.atFirstRun(statement);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return (T) row.getObject(1, otherwise.getClass());
            }
        } catch (SQLException e) {
            return otherwise;
        }
    }

    /** Installs the protected-schemas guard, after the init scripts made the schemas it protects. */
    void protect(ProtectedSchemas schemas) throws SQLException {
        ProtectionGuard.install(connection(), schemas);
        guarded = true;
    }

    /** What the steps since the last call did to protected schemas; nothing when none are protected. */
    List<Touch> protectedTouches() throws SQLException {
        return guarded ? ProtectionGuard.drain(connection()) : List.of();
    }

    /**
     * Reads the schema on the steps' connection: in the window only it sees what its transaction did, and outside it
     * too, so that a database's snapshots are planned on one connection and a rebuilt one needs no second connection
     * (the recorder's log is readable and drainable by every role). Its role sees the same catalog as the server's user.
     */
    SchemaSnapshot snapshot() throws SQLException {
        return reader.read(steps());
    }

    /** Work run by {@link #rolledBack}. */
    interface Window {
        void run() throws SQLException;
    }

    /**
     * Whether {@code revision}'s downgrade and upgrade after it may run in {@link #rolledBack}: the source
     * can run both inside the caller's transaction, nothing in the database checks at commit (deferrable
     * constraints, constraint triggers), the reader can drain its log as the migrations' role, and no
     * schema is guarded (its log is read on the other connection, which cannot see the window's work).
     */
    boolean canRollBack(Revision revision) throws SQLException {
        if (guarded || !rollBack) {
            return false;
        }
        Connection open = steps();
        Optional<String> why = source.whyNotUncommitted(revision, open.getMetaData().getDatabaseMajorVersion());
        if (why.isPresent()) {
            LOG.debug("Revision {}: round trip committed step by step: {}", revision.id(), why.get());
            return false;
        }
        return query(open, reader.isIncremental() ? ROLLBACK_ALLOWED + RECORDER_DRAINABLE : ROLLBACK_ALLOWED, false);
    }

    private static final String ROLLBACK_ALLOWED = "select not exists (select 1 from pg_catalog.pg_constraint where condeferrable)"
            + " and not exists (select 1 from pg_catalog.pg_trigger where tgdeferrable)";
    private static final String RECORDER_DRAINABLE = " and coalesce(pg_catalog.has_table_privilege("
            + "pg_catalog.to_regclass('" + IncrementalReader.LOG_TABLE + "'), 'DELETE'), false)";

    /**
     * Runs a round trip's downgrade, snapshots and upgrade again ({@code work}) in one transaction on the
     * steps' connection, and rolls it back: the database is back in the state it was in, whatever the steps
     * did, schema, data and the recorder's log, so it never needs rebuilding; the reader is put back to what
     * it knew then. Only where {@link #canRollBack} said so.
     */
    void rolledBack(Revision revision, Window work) throws SQLException {
        Connection open = steps();
        synchronized (stepLock) {
            IncrementalReader.RollBackMark mark = reader.markForRollBack();
            open.setAutoCommit(false);
            inWindow = true;
            windowStepRan = false;
            windowStartKept = false;
            try {
                work.run();
            } finally {
                inWindow = false;
                windowEnded = false;
                endWindow(open);
                reader.rollBack(mark);
                roundTripsRolledBack++;
                LOG.debug("Revision {}: round trip rolled back, no rebuild", revision.id());
            }
        }
    }

    /**
     * Rolls the window's transaction back (a failed step did already) and resets what a session keeps
     * past a rollback (advisory locks, sequences' current values). A connection that cannot is closed:
     * the server rolls back what it left open, so the state is right either way.
     */
    private void endWindow(Connection open) {
        try {
            if (!open.isClosed()) {
                reset(open); // rolls the window's transaction back in the same round trip
                asAtWindowStart = windowStartKept;
            }
        } catch (SQLException broken) {
            LOG.debug("The steps' connection could not be reset after a rolled-back round trip ({}); replacing it",
                    broken.getMessage());
            try {
                open.close();
            } catch (SQLException ignored) {
                // the server ends the session, and its transaction, all the same
            }
        }
    }

    /** How many round trips ran in a rolled-back transaction, and how many rebuilds there were (for tests and the log). */
    int roundTripsRolledBack() {
        return roundTripsRolledBack;
    }

    int rebuilds() {
        return recoveries;
    }

    /** The working database's name, which a rebuild changes (for tests). */
    String databaseName() {
        return database.name();
    }

    /** Whether the next measured step starts with no scan pending in its session (for tests; see {@link #scansFlushed}). */
    boolean startsFlushed() {
        return scansFlushed;
    }

    /** Whether the next measured step starts as the last window's first step did (for tests; {@link #asAtWindowStart}). */
    boolean startsAsAtWindowStart() {
        return asAtWindowStart;
    }

    /** How many checkpoints were taken (for tests). */
    int checkpoints() {
        return checkpoints;
    }

    /**
     * Whether to checkpoint after the revision at {@code index}: once the upgrades since the last
     * checkpoint took ten times as long as taking one (so checkpoints cost at most a tenth of the
     * walk, and a recovery replays upgrades worth about ten clones), or {@code maxInterval}
     * revisions after the last, whichever comes first. Once round trips have left the state wrong,
     * sooner: a checkpoint costs a clone C, and after n revisions with upgrades worth u each, a
     * rebuild replays about half of n u; with rebuilds after a share p of the revisions, the walk pays
     * C / n + p n u / 2 per revision, least when n u = sqrt(2 C u / p). (Upgrades here count the
     * upgrade and the one after the downgrade, twice what a rebuild replays; the bound keeps that scale.)
     */
    private boolean checkpointDue(int index, int maxInterval) {
        return index - checkpointIndex >= maxInterval || upgradeNanosSinceCheckpoint >= checkpointBound(index);
    }

    private double checkpointBound(int index) {
        double bound = 10.0 * cloneNanos;
        int walked = index - firstCheckpointIndex;
        if (recoveries == 0 || walked <= 0) {
            return bound;
        }
        double share = (double) recoveries / walked;
        double perRevision = (double) upgradeNanos / walked;
        return Math.min(bound, 2 * Math.sqrt(cloneNanos * perRevision / share));
    }

    /** Remembers the current state, reached after the revision at {@code index} (-1: base). */
    private void checkpoint(int index) throws SQLException {
        closeConnection(); // a database is cloned only while nobody is connected to it
        DisposableDatabase previous = checkpoint;
        long started = System.nanoTime();
        checkpoint = server.createDatabaseFrom(database);
        checkpoints++;
        checkpointMark = reader.mark();
        cloneNanos = System.nanoTime() - started;
        upgradeNanosSinceCheckpoint = 0;
        checkpointIndex = index;
        if (firstCheckpointIndex == Integer.MIN_VALUE) {
            firstCheckpointIndex = index;
            upgradeNanos = 0; // the upgrades to a later part's start are not walked revisions
        }
        if (previous != null) {
            dropLater(previous);
        }
    }

    /**
     * Called after the upgrade of the revision at {@code index}, right before its round trip's steps are committed:
     * the only place a checkpoint can be needed, since only such a round trip can leave a state to rebuild (one run in
     * a transaction that is rolled back leaves the state right whatever it did, and a revision whose downgrade does
     * not run leaves the upgrade's). Checkpoints the state after the upgrade, which that rebuild returns to, when
     * there is none yet or one is due ({@link #checkpointDue}).
     */
    void checkpointIfDue(int index, int maxInterval) throws SQLException {
        if (checkpoint == null || checkpointDue(index, maxInterval)) {
            checkpoint(index);
        }
    }

    /**
     * Why the state cannot be rebuilt ({@link #recover}); empty when it can. A round trip that commits has a checkpoint
     * taken before it ({@link #checkpointIfDue}), so the only way to none is {@link #droppedCheckpointHolding}: dropped so
     * that a downgrade's {@code DROP ROLE} could run.
     */
    Optional<String> whyNoRebuild() {
        return checkpoint == null ? Optional.of("the walk stopped: the state after an earlier"
                + " revision could not be rebuilt after its round trip left it wrong, since the copy it would be cloned"
                + " from was dropped so that that revision's DROP ROLE could run (the copy held what depends on the"
                + " role)") : Optional.empty();
    }

    /**
     * Puts the database back in the state after {@code revisions[index]}: the checkpoint, then upgrades. The replaced
     * database is dropped after them (or during them, see {@link #replay}).
     */
    void recover(List<Revision> revisions, int index) throws SQLException {
        LOG.debug("Revision {}: state rebuilt from the checkpoint after revision {}", revisions.get(index).id(),
                checkpointIndex < 0 ? "base" : revisions.get(checkpointIndex).id());
        closeConnection();
        DisposableDatabase replaced = database;
        try {
            database = server.createDatabaseFrom(checkpoint);
            reader.resume(checkpointMark);
            recoveries++;
            for (int i = checkpointIndex + 1; i <= index; i++) {
                replay(revisions.get(i), replaced);
            }
        } finally {
            dropLater(replaced);
        }
    }

    /** How often a replay is run again after its role was in the way: one revision may create several. */
    private static final int REPLAY_ATTEMPTS = 8;

    /**
     * Replays an upgrade of a rebuild. Roles are the server's: what the walk's first run of it did to them is still there
     * (on the user's one database it runs once). Where the replay fails only for that, and committed nothing before it
     * failed, the walk's own leftover is taken away and the upgrade replayed again ({@link #clearedFor}). Only in a
     * history that changes roles is the server's next transaction id asked first (a round trip a replay).
     */
    private void replay(Revision revision, DisposableDatabase replaced) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            long horizon = changesRoles ? query(steps(), NEXT_TRANSACTION, -1L) : -1L;
            try {
                upgrade(revision);
                return;
            } catch (MigrationFailedException e) {
                if (attempt == REPLAY_ATTEMPTS || changedSince(horizon) || !clearedFor(e, replaced)) {
                    throw e;
                }
                LOG.debug("Revision {}: its replay ran into what the walk's first run of it left on the server ({});"
                        + " taken away, and the upgrade replayed again", revision.id(), e.failure().message());
            }
        }
    }

    /**
     * Takes away what a failed replay ran into when it is the walk's own, or puts back what the walk took: a role the
     * replay creates that the walk made after the checkpoint was taken, a role it needs that a later upgrade dropped
     * ({@link ReplayedRole}; neither on a server others share), or copies that keep its {@code DROP ROLE} from running
     * ({@link RoleHeldByCopy}: the replaced database, the checkpoint, cloned already, and databases still being
     * dropped). False when it was none of those.
     */
    private boolean clearedFor(MigrationFailedException failed, DisposableDatabase replaced) throws SQLException {
        boolean ours = server.backend() != Backend.SERVER;
        Optional<String> missing = ReplayedRole.missing(failed.failure()).filter(name -> ours);
        if (missing.isPresent()) {
            return roleChanged(failed, () -> ReplayedRole.create(connection(), missing.get()));
        }
        Optional<String> role = ReplayedRole.existing(failed.failure()).filter(name -> ours);
        List<String> copies = RoleHeldByCopy.copies(failed.failure());
        if (role.isEmpty() && copies.isEmpty()) {
            return false;
        }
        boolean dropping = drops != null;
        replaced.close(); // it may hold what depends on the role: dropped now rather than after the replays
        awaitDrops();
        if (role.isPresent()) {
            return checkpoint != null && ReplayedRole.madeAfter(connection(), role.get(), checkpoint.name())
                    && roleChanged(failed, () -> ReplayedRole.drop(connection(), role.get()));
        }
        if (checkpoint != null && copies.contains(checkpoint.name())) {
            dropCheckpoints(); // the next round trip that commits takes another
            return true;
        }
        return copies.contains(replaced.name()) || dropping;
    }

    private interface RoleChange {
        void run() throws SQLException;
    }

    /** Whether the change went through; its failure is kept with the replay's. */
    private static boolean roleChanged(MigrationFailedException failed, RoleChange change) {
        try {
            change.run();
            return true;
        } catch (SQLException e) {
            failed.addSuppressed(e);
            return false;
        }
    }

    /**
     * Drops a database the walk is done with on a thread of its own: a drop takes as long as a clone,
     * and the walk need not wait for it. {@link #close()} waits for every drop.
     */
    private void dropLater(DisposableDatabase done) {
        if (drops == null) {
            drops = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "migrationtest-drop");
                thread.setDaemon(true);
                return thread;
            });
        }
        drops.execute(done::close);
    }

    private void closeConnection() throws SQLException {
        try {
            if (steps != null) {
                if (safety != null) {
                    safety.forget(steps);
                }
                steps.close();
                steps = null;
            }
        } finally {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    /**
     * Drops the checkpoint and waits for the databases left to drop: nothing is rebuilt on the walk down
     * to base, and their copies of whatever depends on a role (a grant, an owner) would keep a
     * downgrade's {@code DROP ROLE} from running, as nothing would on the user's one database.
     */
    void dropCheckpoints() {
        awaitDrops();
        if (checkpoint != null) {
            checkpoint.close();
            checkpoint = null;
        }
    }

    /** Waits until the databases handed to {@link #dropLater} are dropped; an interrupt is passed on after. */
    private void awaitDrops() {
        if (drops == null) {
            return;
        }
        drops.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                drops.awaitTermination(1, TimeUnit.DAYS);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the databases are dropped all the same, then the interrupt is passed on
            }
        }
        drops = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            closeConnection();
        } catch (SQLException ignored) {
            // The database is dropped with force next: an unclosable connection does not matter.
        }
        awaitDrops();
        database.close();
        if (checkpoint != null) {
            checkpoint.close();
        }
    }
}
