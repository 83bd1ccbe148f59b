package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.util.List;

/** A history read from migration files: what SQL pairs and Flyway share; they differ in how a step runs. */
public abstract class FileHistorySource implements MigrationSource {

    private final String location;
    private final List<HistoryFinding> findings;
    private final PlannedRevisions planned;

    protected FileHistorySource(String location, SqlHistory history) {
        this.location = location;
        this.findings = history.findings();
        this.planned = new PlannedRevisions(history.revisions());
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public List<Revision> revisions() {
        return planned.revisions();
    }

    @Override
    public List<HistoryFinding> findings() {
        return findings;
    }

    protected PlannedRevisions planned() {
        return planned;
    }
}
