package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.protect.ProtectedSchemas;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to verify and how.
 *
 * @param checks the checks to run (default: all but {@link Check#HEAD_MATCHES_MODEL}, which needs a model)
 * @param floor the minimum downgrade revision: older revisions are upgraded but not round-tripped
 * @param irreversible revisions declared irreversible, with the reason; not round-tripped, and a full
 *     downgrade stops above them
 * @param skipped revisions upgraded but not checked
 * @param initScripts SQL run once before revision 1, for what the environment provides (extensions, roles)
 * @param snapshot what the snapshots include
 * @param diff how snapshots are compared (ignore rules, column order)
 * @param checkpointInterval the most revisions between two clones of a verified state, which the verifier
 *     recovers from after a broken downgrade (a recovery clones the nearest and replays the upgrades since);
 *     within it, a clone is taken once the upgrades since the last took ten times as long as cloning; either
 *     only before a round trip that commits (one rolled back needs no recovery)
 * @param model the schema {@link Check#HEAD_MATCHES_MODEL} compares the head schema with
 * @param updateSnapshot update mode: when the model is a snapshot file, write the head schema to it
 *     (when it differs) instead of comparing
 * @param jobs how many databases walk the history at once, each its own part of it ({@link #AUTO_JOBS}:
 *     one per processor, at most four, and one per {@value WalkPlan#REVISIONS_PER_AUTO_JOB} revisions)
 * @param fileNamePattern a team's convention for migration file names ({@code \d{8}_\d{6}_\w+\.py}): every
 *     file of every revision must match it whole, or {@link Check#HISTORY_IS_LINEAR} fails naming the file
 * @param protect schemas the migrations must leave alone, by name or glob ({@code legacy_*}); see
 *     {@link Check#PROTECTED_SCHEMAS_UNTOUCHED}
 * @param safety whether each statement's locks, rewrites and scans are measured, and which findings fail
 */
public record VerifierOptions(Set<Check> checks, Optional<String> floor, Map<String, String> irreversible,
                              Set<String> skipped, List<Path> initScripts, SnapshotOptions snapshot, DiffOptions diff,
                              int checkpointInterval, Optional<SchemaModel> model, boolean updateSnapshot, int jobs,
                              Optional<Pattern> fileNamePattern, List<String> protect, SafetyOptions safety) {

    public VerifierOptions {
        safety = safety == null ? SafetyOptions.defaults() : safety;
        checks = Collections.unmodifiableSet(checks.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(checks));
        irreversible = Map.copyOf(irreversible);
        skipped = Set.copyOf(skipped);
        initScripts = List.copyOf(initScripts);
        protect = List.copyOf(protect);
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs must be 1 or more, or " + AUTO_JOBS + " for one per processor, was " + jobs);
        }
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be 1 or more, was " + checkpointInterval);
        }
    }

    /** {@link #jobs}: chosen from the processors and the history's length. */
    public static final int AUTO_JOBS = 0;

    public static VerifierOptions defaults() {
        return new VerifierOptions(EnumSet.complementOf(EnumSet.of(Check.HEAD_MATCHES_MODEL,
                Check.PROTECTED_SCHEMAS_UNTOUCHED)), Optional.empty(),
                Map.of(), Set.of(), List.of(), SnapshotOptions.defaults(), DiffOptions.defaults(), 100, Optional.empty(),
                false, AUTO_JOBS, Optional.empty(), List.of(), SafetyOptions.defaults());
    }

    public boolean runs(Check check) {
        return checks.contains(check);
    }

    /** Chooses exactly these checks, whatever {@link #withModel} turned on before. */
    public VerifierOptions withChecks(Set<Check> value) {
        return new VerifierOptions(value, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withFloor(String value) {
        return new VerifierOptions(checks, Optional.ofNullable(value), irreversible, skipped, initScripts, snapshot, diff,
                checkpointInterval, model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withIrreversible(Map<String, String> value) {
        return new VerifierOptions(checks, floor, value, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withSkipped(Set<String> value) {
        return new VerifierOptions(checks, floor, irreversible, value, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withInitScripts(List<Path> value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, value, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withSnapshot(SnapshotOptions value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, value, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withDiff(DiffOptions value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, value, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    public VerifierOptions withCheckpointInterval(int value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, diff, value,
                model, updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    /**
     * The model to compare the head schema with; also turns {@link Check#HEAD_MATCHES_MODEL} on, since a
     * model is given for it. A later {@link #withChecks} still chooses exactly.
     */
    public VerifierOptions withModel(SchemaModel value) {
        Set<Check> withModelCheck = EnumSet.of(Check.HEAD_MATCHES_MODEL);
        withModelCheck.addAll(checks);
        return new VerifierOptions(withModelCheck, floor, irreversible, skipped, initScripts, snapshot, diff,
                checkpointInterval, Optional.of(value), updateSnapshot, jobs, fileNamePattern, protect, safety);
    }

    /** Update mode on or off: a snapshot file model is written with the head schema rather than compared. */
    public VerifierOptions withSnapshotUpdate(boolean value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, value, jobs, fileNamePattern, protect, safety);
    }

    /** How many databases walk the history at once; {@link #AUTO_JOBS} chooses. */
    /** See {@link #fileNamePattern()}; {@code null} for none. */
    public VerifierOptions withFileNamePattern(String regex) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, Optional.ofNullable(regex).map(Pattern::compile), protect, safety);
    }

    /** See {@link #safety()}. */
    public VerifierOptions withSafety(SafetyOptions value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, protect, value);
    }

    public VerifierOptions withJobs(int value) {
        return new VerifierOptions(checks, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, value, fileNamePattern, protect, safety);
    }

    /**
     * Schemas to protect, by name or glob, several to an entry separated by commas; a non-empty list also turns {@link Check#PROTECTED_SCHEMAS_UNTOUCHED}
     * on, an empty one off. A later {@link #withChecks} still chooses exactly.
     */
    public VerifierOptions withProtect(List<String> value) {
        List<String> globs = ProtectedSchemas.parse(value).globs(); // a bad one is an error now, naming it
        Set<Check> withCheck = EnumSet.noneOf(Check.class);
        withCheck.addAll(checks);
        if (globs.isEmpty()) {
            withCheck.remove(Check.PROTECTED_SCHEMAS_UNTOUCHED);
        } else {
            withCheck.add(Check.PROTECTED_SCHEMAS_UNTOUCHED);
        }
        return new VerifierOptions(withCheck, floor, irreversible, skipped, initScripts, snapshot, diff, checkpointInterval,
                model, updateSnapshot, jobs, fileNamePattern, globs, safety);
    }
}
