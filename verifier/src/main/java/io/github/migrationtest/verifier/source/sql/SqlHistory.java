package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import java.util.List;

/** A directory of SQL migrations as read: the revisions in order and what is wrong with the files. */
public record SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings) {

    public SqlHistory {
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }
}
