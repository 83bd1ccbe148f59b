package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import java.util.List;

/**
 * A directory of SQL migrations as read: the revisions in order and what is wrong with the files.
 *
 * @param convention the naming convention the files follow, {@code null} when none was found
 */
public record SqlHistory(Convention convention, List<PlannedRevision> revisions, List<HistoryFinding> findings) {

    public SqlHistory {
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }
}
