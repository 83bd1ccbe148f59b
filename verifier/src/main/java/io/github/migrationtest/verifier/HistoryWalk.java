package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.protect.ProtectedSchemas;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.safety.SafetyRecorder;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The per-revision walk of a whole history, in parts walked at once on databases of their own
 * ({@link WalkPlan}); with one part it is the plain sequential walk. The database of a later part is
 * first brought to the revision before it by plain upgrades. When one of those fails (a migration that
 * does not run the same way twice), the database before it walks on into that part as well, so no
 * part is left out. Every database is dropped on {@link #close()}, also after a failure.
 */
final class HistoryWalk implements AutoCloseable {

    private final PartServers servers;
    private final MigrationSource source;
    private final List<Revision> revisions;
    private final RevisionPolicy policy;
    private final VerifierOptions options;
    private final List<WalkPlan.Part> parts;
    /** Read once, run on every part's database. */
    private final List<SqlScript> initScripts;
    private final RevisionResults results;
    /** Per part: whether its own database reached the part's start (false: the database before walks it). */
    private final List<CompletableFuture<Boolean>> ready = new ArrayList<>();
    private final Queue<WorkingDatabase> databases = new ConcurrentLinkedQueue<>();
    private final Object sharedStepLock = new Object();
    private volatile WorkingDatabase atHead;
    /** Measures the round trips' steps; {@code null} with safety off. */
    private final SafetyRecorder safety;

    private HistoryWalk(PostgresServer server, MigrationSource source, List<Revision> revisions, RevisionPolicy policy,
                        VerifierOptions options, ProgressListener listener) {
        this.source = source;
        this.revisions = revisions;
        this.policy = policy;
        this.options = options;
        this.initScripts = ScriptFiles.readInitScripts(options.initScripts());
        // The init scripts run on every part's database: what they change server-wide collides across parts on one server
        // as what the history's files change does, but for a plain CREATE ROLE, which keeps a role the server has.
        Optional<String> serverWideChange = source.serverWideChange()
                .or(() -> ScriptFiles.serverWideChange(initScripts));
        WalkPlan plan = WalkPlan.of(revisions, policy, options, serverWideChange,
                Runtime.getRuntime().availableProcessors(), server.canStartAnother());
        this.parts = plan.parts();
        this.servers = new PartServers(server, plan, listener);
        this.results = new RevisionResults(revisions, options, listener);
        this.safety = options.safety().measure() ? new SafetyRecorder() : null;
        if (safety != null) {
            source.reportStatementsTo(safety);
        }
        listener.walkPlanned(parts.size(), plan.note());
        parts.forEach(part -> ready.add(new CompletableFuture<>()));
    }

    /** Walks the history; the caller closes the result, which drops its databases. */
    static HistoryWalk run(PostgresServer server, MigrationSource source, List<Revision> revisions, RevisionPolicy policy,
                           VerifierOptions options, ProgressListener listener) throws SQLException {
        HistoryWalk walk = new HistoryWalk(server, source, revisions, policy, options, listener);
        try {
            walk.walkAllParts();
            return walk;
        } catch (SQLException | RuntimeException | Error e) {
            walk.close();
            throw e;
        }
    }

    List<RevisionReport> reports() {
        return results.reports();
    }

    /** Why head was not reached, once {@link #anUpgradeFailed()}. */
    String whyHeadNotReached() {
        return results.whyHeadNotReached();
    }

    boolean anUpgradeFailed() {
        return results.anUpgradeFailed();
    }

    /** The schema at each state, base first, and the database left at head; only when no upgrade failed. */
    List<SchemaSnapshot> states() {
        return results.states();
    }

    Optional<SchemaSnapshot> head() {
        return results.head();
    }

    WorkingDatabase databaseAtHead() {
        if (atHead == null) {
            throw new IllegalStateException("the walk did not reach head");
        }
        return atHead;
    }

    /**
     * The database at head, alone on its server for the walk down to base: every other database of the
     * walk (other parts', checkpoints) is dropped first, since its copies of what depends on a role (a
     * grant, an owner) would keep a downgrade's {@code DROP ROLE} from running.
     */
    WorkingDatabase aloneAtHead() {
        WorkingDatabase head = databaseAtHead();
        for (WorkingDatabase database : List.copyOf(databases)) {
            if (database != head && databases.remove(database)) {
                database.close();
            }
        }
        head.dropCheckpoints();
        return head;
    }

    private void walkAllParts() throws SQLException {
        if (parts.size() == 1) {
            walkFrom(0);
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(parts.size() - 1, task -> {
            Thread thread = new Thread(task, "migrationtest-walk");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> others = new ArrayList<>();
            for (int k = 1; k < parts.size(); k++) {
                int part = k;
                others.add(threads.submit(() -> walkFrom(part)));
            }
            Throwable failure = null;
            try {
                walkFrom(0);
            } catch (SQLException | RuntimeException | Error e) {
                failure = e;
            }
            for (Future<Void> other : others) {
                failure = firstFailure(failure, other);
            }
            rethrow(failure);
        } finally {
            threads.shutdown();
        }
    }

    /** Walks part {@code k} on a database of its own, and the parts after it whose databases could not start. */
    private Void walkFrom(int k) throws SQLException {
        try {
            WalkPlan.Part part = parts.get(k);
            WorkingDatabase work = open(servers.forPart(k));
            if (k > 0 && !upgradeTo(work, part.from())) {
                ready.get(k).complete(false);
                return null;
            }
            SchemaSnapshot start = work.snapshot();
            if (k == 0) {
                results.base(start);
            }
            ready.get(k).complete(true);
            Walker walker = new Walker(work, revisions, policy, options, results, start);
            for (int next = k; walker.walk(parts.get(next)); ) {
                next++;
                if (next == parts.size()) {
                    atHead = work;
                    return null;
                }
                if (walksItself(next)) {
                    return null;
                }
            }
            return null;
        } catch (SQLException | RuntimeException | Error e) {
            results.stop();
            ready.get(k).completeExceptionally(e);
            throw e;
        }
    }

    private WorkingDatabase open(PostgresServer server) throws SQLException {
        Object stepLock = source.supportsConcurrentSteps() ? new Object() : sharedStepLock;
        WorkingDatabase work = new WorkingDatabase(server, source, options.snapshot(), stepLock, safety);
        databases.add(work);
        try {
            ScriptFiles.runInit(initScripts, work.connection());
        } catch (MigrationFailedException e) {
            throw MigrationPrivileges.explain(e, MigrationLogin.Kind.SERVER_USER); // an init script runs as the server's user
        }
        work.handOverInitObjects();
        if (options.runs(Check.PROTECTED_SCHEMAS_UNTOUCHED) && !options.protect().isEmpty()) {
            work.protect(ProtectedSchemas.parse(options.protect()));
        }
        return work;
    }

    /** Brings a fresh database to the state before {@code revisions[index]}; false when an upgrade fails. */
    private boolean upgradeTo(WorkingDatabase work, int index) throws SQLException {
        for (int i = 0; i < index; i++) {
            if (results.endsBefore(i)) {
                return false;
            }
            try {
                work.upgrade(revisions.get(i));
            } catch (MigrationFailedException e) {
                return false;
            }
        }
        return true;
    }

    /** Whether part {@code k}'s own database walks it; when that database failed, its failure ends the verification. */
    private boolean walksItself(int k) {
        try {
            return ready.get(k).join();
        } catch (CompletionException e) {
            return true;
        }
    }

    private Throwable firstFailure(Throwable failure, Future<Void> other) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    other.get();
                    return failure;
                } catch (InterruptedException e) {
                    // The walks end at their next revision; this thread waits for them to let go of their databases.
                    interrupted = true;
                    results.stop();
                } catch (ExecutionException e) {
                    if (failure != null) {
                        failure.addSuppressed(e.getCause());
                        return failure;
                    }
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void rethrow(Throwable failure) throws SQLException {
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        if (safety != null) {
            source.reportStatementsTo(StatementListener.NONE);
        }
        try {
            for (WorkingDatabase database; (database = databases.poll()) != null; ) {
                database.close();
            }
        } finally {
            servers.close();
        }
    }
}
