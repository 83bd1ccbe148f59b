package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What measuring one step found, and what the step's schema diff needs to attribute its own findings:
 * the allow comments and where relations disappeared.
 */
public final class StepRecord {

    /** A step nothing was measured in ({@code --no-safety}, or a source that runs its own statements). */
    public static StepRecord none(Direction direction) {
        return new StepRecord(direction, List.of(), new Allowances(), Map.of(), false, Set.of(), new Renames(), List.of(),
                0, 0, 0, false);
    }

    private final Direction direction;
    private final List<SafetyFinding> findings;
    private final Allowances allowances;
    private final Map<String, ExecutedStatement> vanished;
    private final boolean allVanishedPlaced;
    private final Renames renames;
    private final List<ExecutedStatement> statements;
    private final long measuringNanos;
    private final long afterStepNanos;
    private final int reads;
    private final boolean startReused;
    private final Set<String> droppedOutright;

    /**
     * @param vanished where each relation of the step's start that disappeared did so, by name
     * @param allVanishedPlaced whether {@code vanished} has every one: false when measuring stopped, or the
     *     recorder's log could not name what the step dropped
     * @param reads the reads made after the step's statements
     * @param startReused whether the step used what an earlier step's start read, instead of reading its own
     */
    StepRecord(Direction direction, List<SafetyFinding> findings, Allowances allowances,
               Map<String, ExecutedStatement> vanished, boolean allVanishedPlaced, Set<String> droppedOutright,
               Renames renames, List<ExecutedStatement> statements, long measuringNanos, long afterStepNanos, int reads,
               boolean startReused) {
        this.reads = reads;
        this.startReused = startReused;
        this.allVanishedPlaced = allVanishedPlaced;
        this.droppedOutright = Set.copyOf(droppedOutright);
        this.afterStepNanos = afterStepNanos;
        this.renames = renames;
        this.measuringNanos = measuringNanos;
        this.direction = direction;
        this.findings = List.copyOf(findings);
        this.allowances = allowances;
        this.vanished = Map.copyOf(vanished);
        this.statements = List.copyOf(statements);
    }

    public Direction direction() {
        return direction;
    }

    /** The statements' findings, allow comments applied. */
    public List<SafetyFinding> findings() {
        return findings;
    }

    /**
     * Whether every relation of the step's start that disappeared was placed at its statement: the source reported
     * the statements, measuring did not stop, and what they dropped was named. Then one not placed is still there,
     * renamed or moved; otherwise only the step's schema diff tells.
     */
    boolean allVanishedPlaced() {
        return allVanishedPlaced && !statements.isEmpty();
    }

    /** The statements the step ran, in order (none when the source did not report them). */
    List<ExecutedStatement> statements() {
        return statements;
    }

    /** Time spent measuring inside the step, which its own duration includes. */
    public long measuringNanos() {
        return measuringNanos;
    }

    /** Time spent measuring once the step was over (naming what it dropped), which its own duration does not include. */
    public long afterStepNanos() {
        return afterStepNanos;
    }

    /** How many reads followed the step's statements (a statement that can reach no relation of its start has none). */
    int reads() {
        return reads;
    }

    /**
     * Whether the step started in the state an earlier step had started in, and used what that one's start read
     * (see {@link SafetyRecorder#begin(Direction, java.sql.Connection, boolean, boolean)}; for tests).
     */
    public boolean startReused() {
        return startReused;
    }

    /**
     * Relations of the step's start that a plain {@code DROP TABLE} took away, by name, before any other statement of
     * the step locked them: no statement of the step read their rows, so a table of the same name after the step
     * cannot hold them (a rebuild that copies first, or renames a copy into the name, reads or locks them first).
     */
    Set<String> droppedOutright() {
        return droppedOutright;
    }

    Optional<ExecutedStatement> whereVanished(String relation) {
        return Optional.ofNullable(vanished.get(relation));
    }

    /** What the step renamed a column or type (by path) to. */
    Optional<String> renamedTo(String path) {
        return renames.renamedTo(path);
    }

    /** What the step renamed a label of an enum (by path) to. */
    Optional<String> renamedLabel(String enumPath, String label) {
        return renames.renamedLabel(enumPath, label);
    }

    SafetyFinding allow(SafetyFinding found) {
        return allowances.apply(found);
    }
}
