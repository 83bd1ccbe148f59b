package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.script.Bookkeeping;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A directory of SQL migrations as read: the revisions in order, what is wrong with the files, the convention they
 * were read in ({@code null} when none was found), and whether they are sqlx's alone (simple migrations,
 * {@code <version>_<name>.sql}, which only sqlx runs, where up/down pairs may be golang-migrate's as well).
 */
public record SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings, Convention convention,
                         boolean sqlxOnly) {

    public SqlHistory {
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }

    public SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings, Convention convention) {
        this(revisions, findings, convention, false);
    }

    public SqlHistory(List<PlannedRevision> revisions, List<HistoryFinding> findings) {
        this(revisions, findings, null);
    }

    /** The table of applied versions the convention's tool keeps. */
    public Bookkeeping bookkeeping() {
        return sqlxOnly ? SqlxTable.BOOKKEEPING : convention == null ? Bookkeeping.NONE : convention.bookkeeping();
    }

    /**
     * Tables named like another tool's bookkeeping that are the user's own here, to be compared like any other: in a
     * history only sqlx runs, every such name but sqlx's own ({@code schema_migrations} is not sqlx's).
     */
    public Set<String> userTables() {
        if (!sqlxOnly) {
            return Set.of();
        }
        Set<String> others = new TreeSet<>(SnapshotOptions.BOOKKEEPING_TABLES);
        others.remove(SqlxTable.NAME);
        return others;
    }
}
