package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.script.CommitRules;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.StatementCursor;
import io.github.migrationtest.verifier.source.script.TransactionRules;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Looks up a revision's SQL and runs one direction of it. */
public final class PlannedRevisions {

    private final List<PlannedRevision> planned;
    // One script per part, so that what is learnt by reading it (whether it can run in a transaction)
    // is learnt once; a script holds no text.
    private final Map<ScriptPart, SqlScript> scripts = new ConcurrentHashMap<>();

    public PlannedRevisions(List<PlannedRevision> planned) {
        this.planned = List.copyOf(planned);
    }

    public List<Revision> revisions() {
        return planned.stream().map(PlannedRevision::revision).toList();
    }

    /** The plan behind a revision of this history. */
    public PlannedRevision plan(Revision revision, Direction direction) {
        return planned.stream().filter(p -> p.revision().equals(revision)).findFirst()
                .orElseThrow(() -> MigrationFailedException.notInHistory(revision, direction, String.join(", ", revision.files())));
    }

    /** Runs the revision's SQL in one direction; a missing downgrade is a failure naming the fix. */
    public StepResult run(ScriptRunner runner, Revision revision, Direction direction, Connection connection) {
        PlannedRevision plan = plan(revision, direction);
        List<ScriptPart> parts = direction == Direction.UP ? plan.up() : plan.down();
        if (direction == Direction.DOWN && !revision.hasDowngrade()) {
            throw noDowngrade(revision);
        }
        List<SqlScript> scripts = scripts(parts);
        String outside = parts.stream().map(ScriptPart::outsideTransaction).filter(s -> !s.isEmpty()).findFirst().orElse("");
        String inTransactionUnless = plan.inTransactionUnless();
        if (!outside.isEmpty() && parts.size() == 1 && !parts.get(0).sentAsOneQuery().isEmpty()
                && hasSeveralStatements(scripts.get(0))) {
            // One query of several statements is one transaction in Postgres: what the tool's marker leaves out is its
            // own BEGIN, not the transaction.
            outside = "";
            inTransactionUnless = parts.get(0).sentAsOneQuery();
        }
        return runner.run(revision, direction, scripts, outside, inTransactionUnless, plan.recordedVersion(), connection);
    }

    private static boolean hasSeveralStatements(SqlScript script) {
        try (StatementCursor cursor = script.open()) {
            return cursor.next() != null && cursor.next() != null;
        }
    }

    /**
     * Why the revision's downgrade and upgrade cannot share one transaction that the caller rolls back
     * (see {@link ScriptRunner#runUncommitted}); empty when they can.
     */
    public Optional<String> whyNotUncommitted(Revision revision, int serverMajor) {
        if (!revision.hasDowngrade()) {
            return Optional.of("revision " + revision.id() + " has no downgrade");
        }
        PlannedRevision plan = plan(revision, Direction.UP);
        List<ScriptPart> parts = new ArrayList<>(plan.down());
        parts.addAll(plan.up());
        Optional<String> outside = parts.stream().map(ScriptPart::outsideTransaction).filter(s -> !s.isEmpty()).findFirst();
        if (outside.isPresent()) {
            return outside;
        }
        List<SqlScript> scripts = scripts(parts);
        return TransactionRules.reasonNotToJoin(scripts, serverMajor)
                .or(() -> scripts.stream().map(CommitRules::reasonToCommit).flatMap(Optional::stream).findFirst());
    }

    /** Runs the revision's SQL in one direction inside the caller's transaction, without committing. */
    public StepResult runUncommitted(ScriptRunner runner, Revision revision, Direction direction, Connection connection) {
        PlannedRevision plan = plan(revision, direction);
        return runner.runUncommitted(revision, direction, scripts(direction == Direction.UP ? plan.up() : plan.down()),
                plan.recordedVersion(), connection);
    }

    private List<SqlScript> scripts(List<ScriptPart> parts) {
        return parts.stream().map(part -> this.scripts.computeIfAbsent(part, ScriptPart::parse)).toList();
    }

    /** Runs only the bookkeeping an upgrade of {@code revision} does (nothing for a convention that keeps none). */
    public void recordApplied(ScriptRunner runner, Revision revision, Connection connection) {
        runner.run(revision, Direction.UP, List.of(), "", plan(revision, Direction.UP).recordedVersion(), connection);
    }

    /** The failure for a downgrade of a revision that has none. */
    public static MigrationFailedException noDowngrade(Revision revision) {
        return new MigrationFailedException(revision, Direction.DOWN, MigrationFailure.of(
                revision.files().isEmpty() ? revision.id() : revision.files().get(0),
                "revision " + revision.label() + " has no downgrade: " + revision.noDowngradeReason()), null);
    }
}
