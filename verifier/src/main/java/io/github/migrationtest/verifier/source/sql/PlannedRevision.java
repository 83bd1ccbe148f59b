package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.Revision;
import java.util.List;

/**
 * A revision with the SQL behind each direction.
 *
 * @param revision what callers see
 * @param up the upgrade's SQL (empty for a Flyway Java migration)
 * @param down the downgrade's SQL, empty when it has none
 * @param recordedVersion the version as the migration tool writes it in its bookkeeping table
 * @param inTransactionUnless non-empty when the tool runs each step in a transaction whatever its statements, saying
 *     how a migration opts out ({@link Convention#transactionOptOut()}); empty when the statements decide
 */
public record PlannedRevision(Revision revision, List<ScriptPart> up, List<ScriptPart> down, String recordedVersion,
                              String inTransactionUnless) {

    public PlannedRevision {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    public PlannedRevision(Revision revision, List<ScriptPart> up, List<ScriptPart> down) {
        this(revision, up, down, revision.id(), "");
    }
}
