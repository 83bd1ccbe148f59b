package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.script.Bookkeeping;
import java.util.List;

/**
 * A directory of SQL migrations as read: the revisions in order, what is wrong with the files, and
 * the convention they were read in ({@code null} when none was found).
 */
public record SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings, Convention convention) {

    public SqlHistory {
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }

    public SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings) {
        this(revisions, findings, null);
    }

    /** The table of applied versions the convention's tool keeps. */
    public Bookkeeping bookkeeping() {
        return convention == null ? Bookkeeping.NONE : convention.bookkeeping();
    }
}
