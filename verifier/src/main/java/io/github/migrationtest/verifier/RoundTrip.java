package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.diff.UnexpectedObject;
import io.github.migrationtest.verifier.protect.ProtectedSchemas;
import io.github.migrationtest.verifier.protect.ProtectedSchemasCheck;
import io.github.migrationtest.verifier.protect.Touch;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.Timings;
import io.github.migrationtest.verifier.safety.DataLoss;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.safety.StepRecord;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One revision's checks: up r, snapshot S(r); down r, compare with S(r-1); up r again, compare with
 * S(r). Whatever fails is recorded, and the caller learns whether the database is left in a state
 * other than S(r), to be rebuilt before the next revision.
 */
final class RoundTrip {

    private static final Logger LOG = LoggerFactory.getLogger(RoundTrip.class);

    /** What the round trip found, and what it left behind. */
    record Result(RevisionReport report, SchemaSnapshot stateAfter, boolean stateIsWrong, boolean upgradeFailed) {
    }

    private final WorkingDatabase work;
    private final Revision revision;
    /** The revision's place in the history: the state after its upgrade is the one a rebuild returns to. */
    private final int index;
    private final Optional<String> skipReason;
    private final VerifierOptions options;
    private final Map<Check, CheckResult> results = new EnumMap<>(Check.class);
    private Duration up = Duration.ZERO;
    private Duration downTime = Duration.ZERO;
    private Duration reup = Duration.ZERO;
    private long snapshotNanos;
    /** What the downgrade left undone, as statements: named in the fixes, or shown with the failure. */
    private DowngradeCompletion completion = DowngradeCompletion.NONE;
    /** What the upgrade and the downgrade did to protected schemas; null for a step that did not run. */
    private List<Touch> upTouches;
    private List<Touch> downTouches;
    private boolean upgradeFailed;
    /** Whether the downgrade ran no SQL of its own (an empty file or section: only the tool's bookkeeping). */
    private boolean downgradeRanNoSql;
    private boolean reupgradeFailed;
    /** What measuring the upgrade and the downgrade found. */
    private final List<SafetyFinding> safety = new ArrayList<>();
    private long safetyNanos;
    /** The revision whose round trip left the state wrong, just before this one, so the walk rebuilt its state. */
    private Optional<Revision> rebuiltAfter = Optional.empty();

    RoundTrip(WorkingDatabase work, Revision revision, int index, Optional<String> skipReason, VerifierOptions options) {
        this.work = work;
        this.revision = revision;
        this.index = index;
        this.skipReason = skipReason;
        this.options = options;
    }

    /**
     * This revision starts on a state the walk rebuilt after {@code previous}'s round trip: an upgrade that fails says so,
     * as a reader would otherwise take it for the broken round trip's consequence.
     */
    RoundTrip afterRebuildOf(Revision previous) {
        rebuiltAfter = Optional.of(previous);
        return this;
    }

    static final String EARLIER_UPGRADE_FAILED = "an earlier upgrade failed";

    static RevisionReport notReached(Revision revision, VerifierOptions options, String why) {
        Map<Check, CheckResult> results = new EnumMap<>(Check.class);
        for (Check check : Check.values()) {
            if (check.perRevision() && options.runs(check)) {
                results.put(check, CheckResult.notReached(check, why));
            }
        }
        return new RevisionReport(revision.id(), revision.description(), results, Timings.NONE);
    }

    Result run(SchemaSnapshot before) throws SQLException {
        work.protectedTouches(); // what replays and catch-up upgrades did is reported where each revision is checked
        Result result = steps(before);
        if (!options.runs(Check.PROTECTED_SCHEMAS_UNTOUCHED)) {
            return result;
        }
        record(protectedSchemas());
        return new Result(report(), result.stateAfter(), result.stateIsWrong(), result.upgradeFailed());
    }

    private CheckResult protectedSchemas() {
        if (options.protect().isEmpty()) {
            return CheckResult.skipped(Check.PROTECTED_SCHEMAS_UNTOUCHED, "no schema is protected (--protect)");
        }
        if (upTouches == null || upTouches.isEmpty() && upgradeFailed) {
            return CheckResult.notReached(Check.PROTECTED_SCHEMAS_UNTOUCHED, "the upgrade failed");
        }
        String whyNoDowngrade = skipReason.or(revision::whyNoDowngrade).orElse("no check that runs it was chosen");
        return new ProtectedSchemasCheck(revision, ProtectedSchemas.parse(options.protect()),
                options.snapshot().excludedTables()).result(upTouches, downTouches, whyNoDowngrade);
    }

    private Result steps(SchemaSnapshot before) throws SQLException {
        try {
            up = measuredOut(work.observedUpgrade(revision).duration());
            upTouches = work.protectedTouches();
        } catch (MigrationFailedException e) {
            safety.addAll(work.lastObserved().findings());
            // A step outside a transaction may have done some of its work before it failed.
            upTouches = work.protectedTouches();
            upgradeFailed = true;
            String reason = "the upgrade failed" + rebuiltAfter.map(previous -> " (on the schema after revision "
                    + previous.label() + ", which the walk rebuilt since its round trip left another: this failure is"
                    + " this revision's own)").orElse("");
            MigrationFailure failure = MissingRelation.explainUpgrade(e.failure()).orElse(e.failure());
            record(CheckResult.failed(Check.UPGRADES_APPLY, reason, Findings.error(failure), Findings.fixFor(failure)));
            notRun(Check.DOWNGRADE_RESTORES_SCHEMA, "the upgrade failed");
            notRun(Check.REUPGRADE_REPRODUCES_SCHEMA, "the upgrade failed");
            return new Result(report(), before, true, true);
        }
        record(CheckResult.passed(Check.UPGRADES_APPLY));
        StepRecord upgraded = work.lastObserved();
        SchemaSnapshot after = snapshot();
        observed(before, after, upgraded, upgradeFile());
        if (!options.runs(Check.DOWNGRADE_RESTORES_SCHEMA) && !options.runs(Check.REUPGRADE_REPRODUCES_SCHEMA)) {
            return new Result(report(), after, false, false);
        }
        if (skipReason.isPresent()) {
            skip(skipReason.get());
            return new Result(report(), after, false, false);
        }
        if (!revision.hasDowngrade()) {
            record(CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, revision.whyNoDowngrade().orElseThrow(),
                    java.util.List.of(), "Add a downgrade for revision " + revision.id()
                            + ", or declare it irreversible with a reason"));
            notRun(Check.REUPGRADE_REPRODUCES_SCHEMA, "the revision has no downgrade");
            return new Result(report(), after, false, false);
        }
        if (work.canRollBack(revision)) {
            // Rolling the round trip's transaction back leaves S(r) whatever its steps did: nothing to rebuild.
            work.rolledBack(revision, () -> downgradeAndUpgradeAgain(before, after));
            return new Result(report(), after, false, false);
        }
        work.checkpointIfDue(index, options.checkpointInterval()); // committed: it may leave a state to rebuild
        Down down = downgradeAndCompare(before, after);
        if (down == Down.FAILED) {
            notRun(Check.REUPGRADE_REPRODUCES_SCHEMA, "the downgrade failed");
            // Rolled back whole (nothing committed since it started), it left the state after the upgrade.
            return new Result(report(), after, work.changedSinceDowngradeStarted(), false);
        }
        boolean wrong = reupgradeAndCompare(after) || down == Down.DIFFERENT;
        return new Result(report(), after, wrong && !putBackWithoutRebuild(), false);
    }

    /** The round trip's checks after the upgrade, with the same verdicts as the committed path's. */
    private void downgradeAndUpgradeAgain(SchemaSnapshot before, SchemaSnapshot after) throws SQLException {
        if (downgradeAndCompare(before, after) == Down.FAILED) {
            notRun(Check.REUPGRADE_REPRODUCES_SCHEMA, "the downgrade failed");
        } else {
            reupgradeAndCompare(after);
        }
    }

    /**
     * An empty downgrade (it ran only the tool's bookkeeping) followed by an upgrade that failed and was
     * rolled back whole (nothing committed since it started) left the state after the upgrade but for the
     * bookkeeping's row: recording the revision again puts it back, as a rebuild's replay would, without
     * the rebuild's clone and replays. Common in goose histories with empty Down sections.
     */
    private boolean putBackWithoutRebuild() throws SQLException {
        boolean putBack = downgradeRanNoSql && reupgradeFailed && !work.changedSinceReupgradeStarted()
                && work.recordApplied(revision);
        if (putBack) {
            LOG.debug("Revision {}: empty downgrade, re-upgrade rolled back whole; bookkeeping recorded again, no rebuild",
                    revision.id());
        }
        return putBack;
    }

    /** What a downgrade did: restored the schema, left a different one, or failed. */
    private enum Down { RESTORED, DIFFERENT, FAILED }

    /**
     * Keeps a measured step's findings and the data it loses, read from the schema before and after it;
     * with measuring off, nothing.
     */
    private void observed(SchemaSnapshot stateBefore, SchemaSnapshot stateAfter, StepRecord step, String file) {
        if (!options.safety().measure()) {
            return;
        }
        long started = System.nanoTime();
        safety.addAll(step.findings());
        safety.addAll(DataLoss.of(stateBefore, stateAfter, step, file));
        safetyNanos += System.nanoTime() - started;
    }

    /** A measured step's duration without the measuring, which is counted apart. */
    private Duration measuredOut(Duration step) {
        long measuring = work.lastObserved().measuringNanos();
        safetyNanos += measuring + work.lastObserved().afterStepNanos();
        return step.minusNanos(Math.min(measuring, step.toNanos()));
    }

    private String upgradeFile() {
        return revision.files().isEmpty() ? "" : revision.files().get(0);
    }

    private Down downgradeAndCompare(SchemaSnapshot before, SchemaSnapshot after) throws SQLException {
        try {
            StepResult downgraded = work.observedDowngrade(revision);
            downTime = measuredOut(downgraded.duration());
            downgradeRanNoSql = downgraded.statements() == 0;
            downTouches = work.protectedTouches();
        } catch (MigrationFailedException e) {
            safety.addAll(work.lastObserved().findings());
            downTouches = work.protectedTouches();
            MigrationFailure failure = MissingRelation.explainDowngrade(e.failure(), after, before).orElse(e.failure());
            record(CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade failed",
                    Findings.error(failure), Findings.downgradeFixFor(failure, revision.id())));
            return Down.FAILED;
        }
        SchemaSnapshot afterDowngrade = snapshot();
        observed(after, afterDowngrade, work.lastObserved(),
                revision.files().isEmpty() ? "" : revision.files().get(revision.files().size() - 1));
        DiffResult diff = SchemaDiff.compare(before, afterDowngrade, options.diff());
        if (diff.matches()) {
            record(CheckResult.passed(Check.DOWNGRADE_RESTORES_SCHEMA, Findings.differences(diff)));
            return Down.RESTORED;
        }
        completion = DowngradeCompletion.of(afterDowngrade, before, diff);
        CheckResult failed = CheckResult.failed(Check.DOWNGRADE_RESTORES_SCHEMA, "the downgrade did not restore the schema",
                Findings.differences(diff), "Make " + downgradeFile() + " undo every change of the upgrade"
                        + completion.lacks(true)
                        + ", or declare revision " + revision.id() + " irreversible" + callbacksNote()
                        + keptExtensionNote(diff));
        record(completion.migration().map(failed::withMigration).orElse(failed));
        return Down.DIFFERENT;
    }

    private boolean reupgradeAndCompare(SchemaSnapshot after) throws SQLException {
        try {
            reup = work.reupgrade(revision).duration();
        } catch (MigrationFailedException e) {
            reupgradeFailed = true;
            record(CheckResult.failed(Check.REUPGRADE_REPRODUCES_SCHEMA, "the upgrade failed after the downgrade",
                    Findings.error(e.failure()), againFix(e.failure())));
            return true;
        }
        DiffResult diff = SchemaDiff.compare(after, snapshot(), options.diff());
        if (diff.matches()) {
            record(CheckResult.passed(Check.REUPGRADE_REPRODUCES_SCHEMA, Findings.differences(diff)));
            return false;
        }
        record(CheckResult.failed(Check.REUPGRADE_REPRODUCES_SCHEMA,
                "the upgrade after the downgrade did not reproduce the schema", Findings.differences(diff),
                "Make " + downgradeFile() + " undo the upgrade completely, so that running it again gives the same schema"));
        return true;
    }

    /**
     * What makes the upgrade run a second time. Refused for want of a privilege it had the first time, the cause is
     * no object the downgrade left (provideplatform/vault's first migration demotes its role: the downgrade was told
     * to drop two extensions, after which the upgrade failed the same way): a role lost a privilege, and roles are
     * the server's.
     */
    private String againFix(MigrationFailure failure) {
        String undo = "make " + downgradeFile() + " undo every change of the upgrade" + completion.lacks(false);
        if (!MigrationPrivileges.isRefusal(failure)) {
            return "M" + undo.substring(1) + ", so that the upgrade can run again";
        }
        return "The upgrade ran the first time and is refused now: a role lost a privilege on the way, and roles are"
                + " the server's, so no downgrade of the database gives it back (an upgrade that demotes or revokes"
                + " from its own role, ALTER USER current_user WITH NOSUPERUSER, fails when it runs again): leave"
                + " role changes to an init script or the deployment, or declare revision " + revision.id()
                + " irreversible" + (completion.lacks(false).isEmpty() ? "" : "; and " + undo);
    }

    /** Where the tool runs scripts of its own with every upgrade (Flyway's callbacks), what they change is theirs. */
    private String callbacksNote() {
        List<String> callbacks = work.upgradeCallbacks();
        if (callbacks.isEmpty()) {
            return "";
        }
        return "; what " + String.join(", ", callbacks) + " change" + (callbacks.size() == 1 ? "s" : "")
                + " (run with every upgrade) is no downgrade's to undo: leave it out with --ignore";
    }

    /**
     * A downgrade often keeps an extension on purpose ("other tables may still use it"): what the deployment provides
     * belongs in an init script, where the upgrade's {@code CREATE EXTENSION IF NOT EXISTS} finds it.
     */
    private static String keptExtensionNote(DiffResult diff) {
        return diff.failures().stream().anyMatch(d -> d instanceof UnexpectedObject u && u.objectKind() == ObjectKind.EXTENSION)
                ? "; an extension kept on purpose (the deployment or other revisions use it) belongs in an init script"
                        + " (--init), as the deployment creates it"
                : "";
    }

    private String downgradeFile() {
        // By the sources' convention the downgrade is listed after the upgrade; a file holding both
        // (Alembic's .py, goose's and dbmate's sections, a changelog) is named beside the revision.
        List<String> files = revision.files();
        if (!revision.downgradeToAdd().isEmpty()) {
            return "a new " + revision.downgradeToAdd(); // "Make a new 1_t.down.sql undo every change of the upgrade"
        }
        return files.size() > 1 ? files.get(files.size() - 1)
                : "the downgrade of revision " + revision.id() + (files.size() == 1 ? " in " + files.get(0) : "");
    }

    private SchemaSnapshot snapshot() throws SQLException {
        long started = System.nanoTime();
        SchemaSnapshot snapshot = work.snapshot();
        snapshotNanos += System.nanoTime() - started;
        return snapshot;
    }

    private void skip(String reason) {
        for (Check check : new Check[] {Check.DOWNGRADE_RESTORES_SCHEMA, Check.REUPGRADE_REPRODUCES_SCHEMA}) {
            if (options.runs(check)) {
                results.put(check, CheckResult.skipped(check, reason));
            }
        }
    }

    private void notRun(Check check, String reason) {
        if (options.runs(check)) {
            results.put(check, CheckResult.notReached(check, reason));
        }
    }

    private void record(CheckResult result) {
        if (options.runs(result.check())) {
            results.put(result.check(), result);
        }
    }

    private RevisionReport report() {
        return new RevisionReport(revision.id(), revision.description(), results,
                new Timings(up, downTime, reup, Duration.ofNanos(snapshotNanos), Duration.ofNanos(safetyNanos)), safety);
    }
}
