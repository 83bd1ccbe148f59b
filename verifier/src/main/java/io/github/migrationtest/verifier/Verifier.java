package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.HeadLint;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Walks a migration history on a disposable database and proves, revision by revision, that each
 * upgrade applies, each downgrade restores the schema and the upgrade then reproduces it; then that
 * a full downgrade returns to the base, and that the head schema matches the model, when one is given.
 * One bad revision does not hide the others: after a broken downgrade the walk goes on from the right
 * state, rebuilt from a checkpoint. A long history is walked in parts at once, on databases of their
 * own ({@link VerifierOptions#jobs()}).
 */
public final class Verifier {

    private final MigrationSource source;
    /** The options as given; a walk runs with them and the source's bookkeeping ({@link #withBookkeeping}). */
    private final VerifierOptions requested;

    public Verifier(MigrationSource source, VerifierOptions options) {
        this.source = source;
        this.requested = options;
    }

    private static VerifierOptions withBookkeeping(MigrationSource source, VerifierOptions options) {
        // A version table the tool keeps under a name of the project's choosing is bookkeeping too, and so is a schema
        // the tool makes for it.
        // A table named like another tool's bookkeeping is the user's where the source says so (schema_migrations in
        // a sqlx history): compared like any other.
        VerifierOptions bookkeeping = options.withSnapshot(options.snapshot().withKeptTables(source.userTables())
                .withAlsoExcludedTables(source.bookkeepingTables().toArray(String[]::new)));
        return source.toolSchemas().isEmpty() ? bookkeeping
                : bookkeeping.withDiff(bookkeeping.diff().withToolSchemas(source.toolSchemas()));
    }

    /** A source that names a bookkeeping table only when it runs learns it on a scratch database, before the walk. */
    private void learnBookkeeping(PostgresServer server) {
        if (!source.learnsBookkeepingOnline()) {
            return;
        }
        try (DisposableDatabase scratch = server.createDatabase();
                Connection connection = scratch.connectForMigrations()) {
            source.usePassword(scratch.migrationsPassword());
            source.learnBookkeeping(connection);
        } catch (SQLException e) {
            // Not learnt: a database that cannot be made or reached fails the walk the same way, which says so.
        }
    }

    public VerificationReport verify(PostgresServer server) {
        return verify(server, ProgressListener.NONE);
    }

    /** Runs the checks on a database of its own on {@code server}, dropped afterwards. */
    public VerificationReport verify(PostgresServer server, ProgressListener listener) {
        long started = System.nanoTime();
        learnBookkeeping(server);
        VerifierOptions options = withBookkeeping(source, requested);
        List<CheckResult> historyChecks = new ArrayList<>();
        if (options.runs(Check.HISTORY_IS_LINEAR)) {
            historyChecks.add(historyIsLinear());
            listener.historyCheckFinished(historyChecks.get(0));
        }
        List<Revision> revisions = source.revisions();
        RevisionPolicy policy = new RevisionPolicy(revisions, options);
        List<RevisionReport> reports;
        Optional<SchemaSnapshot> head;
        HeadLint lint;
        try (HistoryWalk walk = HistoryWalk.run(server, source, revisions, policy, options, listener)) {
            reports = walk.reports();
            head = walk.head();
            lint = LintAtHead.run(walk, head, options);
            if (options.runs(Check.FULL_DOWNGRADE_TO_BASE)) {
                CheckResult full = walk.anUpgradeFailed()
                        ? CheckResult.notReached(Check.FULL_DOWNGRADE_TO_BASE, walk.whyHeadNotReached())
                        : new FullDowngrade(walk.aloneAtHead(), revisions, policy, walk.states(), options.diff()).run();
                historyChecks.add(full);
                listener.historyCheckFinished(full);
            }
        } catch (SQLException e) {
            throw new VerificationException("Verification of " + source.location() + " could not go on: "
                    + e.getMessage(), e);
        }
        if (!options.safety().failOn().isEmpty() && options.runs(Check.SAFETY_FINDINGS_ACCEPTED)) {
            CheckResult safety = SafetyVerdict.of(reports, lint.findings(), options.safety());
            historyChecks.add(safety);
            listener.historyCheckFinished(safety);
        }
        if (options.runs(Check.HEAD_MATCHES_MODEL)) {
            // After the working database is gone: a model built in a scratch database needs no company.
            CheckResult model = new HeadMatchesModel(options, server).run(head);
            historyChecks.add(model);
            listener.historyCheckFinished(model);
        }
        return new VerificationReport(source.type().name().toLowerCase(java.util.Locale.ROOT) + " history at " + source.location(),
                server.description(), historyChecks, reports, Duration.ofNanos(System.nanoTime() - started), lint);
    }

    private CheckResult historyIsLinear() {
        List<HistoryFinding> errors = new ArrayList<>(source.findings().stream().filter(HistoryFinding::isError).toList());
        requested.fileNamePattern().ifPresent(pattern -> errors.addAll(FileNames.notMatching(source.revisions(), pattern)));
        if (errors.isEmpty()) {
            return CheckResult.passed(Check.HISTORY_IS_LINEAR);
        }
        String reason = errors.stream().map(f -> f.file() + ": " + f.message()).collect(Collectors.joining("; "));
        String fix = errors.stream().map(HistoryFinding::fix).filter(f -> !f.isBlank()).distinct()
                .collect(Collectors.joining("; "));
        return CheckResult.failed(Check.HISTORY_IS_LINEAR, reason, List.of(), fix);
    }
}
