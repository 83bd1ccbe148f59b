package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Walks a migration history on a disposable database and proves, revision by revision, that each
 * upgrade applies, each downgrade restores the schema and the upgrade then reproduces it; then that
 * a full downgrade returns to the base, and that the head schema matches the model, when one is given. One bad revision does not hide the others: after a broken
 * downgrade the walk goes on from the right state, rebuilt from a checkpoint.
 */
public final class Verifier {

    private final MigrationSource source;
    private final VerifierOptions options;

    public Verifier(MigrationSource source, VerifierOptions options) {
        this.source = source;
        this.options = options;
    }

    public VerificationReport verify(PostgresServer server) {
        return verify(server, ProgressListener.NONE);
    }

    /** Runs the checks on a database of its own on {@code server}, dropped afterwards. */
    public VerificationReport verify(PostgresServer server, ProgressListener listener) {
        long started = System.nanoTime();
        List<CheckResult> historyChecks = new ArrayList<>();
        if (options.runs(Check.HISTORY_IS_LINEAR)) {
            historyChecks.add(historyIsLinear());
            listener.historyCheckFinished(historyChecks.get(0));
        }
        List<Revision> revisions = source.revisions();
        RevisionPolicy policy = new RevisionPolicy(revisions, options);
        List<RevisionReport> reports = new ArrayList<>();
        Optional<SchemaSnapshot> head;
        try (WorkingDatabase work = new WorkingDatabase(server, source, options.snapshot())) {
            ScriptFiles.runInitScripts(options.initScripts(), work.connection());
            Walk walk = new Walk(work, revisions, policy, options, listener);
            reports.addAll(walk.run());
            head = walk.upgradeFailed() ? Optional.empty() : Optional.of(walk.snapshots().get(walk.snapshots().size() - 1));
            if (options.runs(Check.FULL_DOWNGRADE_TO_BASE)) {
                CheckResult full = walk.upgradeFailed()
                        ? CheckResult.notReached(Check.FULL_DOWNGRADE_TO_BASE, "an upgrade failed, so head was never reached")
                        : new FullDowngrade(work, revisions, policy, walk.snapshots(), options.diff()).run();
                historyChecks.add(full);
                listener.historyCheckFinished(full);
            }
        } catch (SQLException e) {
            throw new VerificationException("Verification of " + source.location() + " could not go on: "
                    + e.getMessage(), e);
        }
        if (options.runs(Check.HEAD_MATCHES_MODEL)) {
            // After the working database is gone: a model built in a scratch database needs no company.
            CheckResult model = new HeadMatchesModel(options, server).run(head);
            historyChecks.add(model);
            listener.historyCheckFinished(model);
        }
        return new VerificationReport(source.type().name().toLowerCase(java.util.Locale.ROOT) + " history at " + source.location(),
                server.description(), historyChecks, reports, Duration.ofNanos(System.nanoTime() - started));
    }

    private CheckResult historyIsLinear() {
        List<HistoryFinding> errors = source.findings().stream().filter(HistoryFinding::isError).toList();
        if (errors.isEmpty()) {
            return CheckResult.passed(Check.HISTORY_IS_LINEAR);
        }
        String reason = errors.stream().map(f -> f.file() + ": " + f.message()).collect(Collectors.joining("; "));
        String fix = errors.stream().map(HistoryFinding::fix).filter(f -> !f.isBlank()).distinct()
                .collect(Collectors.joining("; "));
        return CheckResult.failed(Check.HISTORY_IS_LINEAR, reason, List.of(), fix);
    }

    /** The per-revision walk: up, snapshot, down, snapshot, compare, up again, snapshot, compare. */
    private static final class Walk {
        private final WorkingDatabase work;
        private final List<Revision> revisions;
        private final RevisionPolicy policy;
        private final VerifierOptions options;
        private final ProgressListener listener;
        private final List<SchemaSnapshot> snapshots = new ArrayList<>();
        private boolean upgradeFailed;

        Walk(WorkingDatabase work, List<Revision> revisions, RevisionPolicy policy, VerifierOptions options,
             ProgressListener listener) {
            this.work = work;
            this.revisions = revisions;
            this.policy = policy;
            this.options = options;
            this.listener = listener;
        }

        /** Snapshots of the states: index 0 is the base, index i+1 the state after revisions[i]. */
        List<SchemaSnapshot> snapshots() {
            return snapshots;
        }

        boolean upgradeFailed() {
            return upgradeFailed;
        }

        List<RevisionReport> run() throws SQLException {
            snapshots.add(work.snapshot());
            work.checkpoint(-1);
            List<RevisionReport> reports = new ArrayList<>();
            for (int i = 0; i < revisions.size(); i++) {
                Revision revision = revisions.get(i);
                listener.revisionStarted(revision, i, revisions.size());
                RevisionReport report;
                if (upgradeFailed) {
                    report = RoundTrip.notReached(revision, options);
                } else {
                    RoundTrip.Result result = new RoundTrip(work, revision, policy.skipReason(i), options)
                            .run(snapshots.get(i));
                    report = result.report();
                    upgradeFailed = result.upgradeFailed();
                    if (!upgradeFailed) {
                        afterRevision(i, result);
                    }
                }
                reports.add(report);
                listener.revisionFinished(report, i, revisions.size());
            }
            return reports;
        }

        private void afterRevision(int index, RoundTrip.Result result) throws SQLException {
            snapshots.add(result.stateAfter());
            if (result.stateIsWrong()) {
                work.recover(revisions, index);
            }
            if (work.checkpointDue(index, options.checkpointInterval())) {
                work.checkpoint(index);
            }
        }
    }
}
