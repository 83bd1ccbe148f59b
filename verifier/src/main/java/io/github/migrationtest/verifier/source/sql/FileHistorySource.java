package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A history read from migration files: what SQL pairs and Flyway share; they differ in how a step runs. */
public abstract class FileHistorySource implements MigrationSource {

    private final String location;
    private final List<HistoryFinding> findings;
    private final PlannedRevisions planned;
    private final Optional<String> serverWideChange;

    protected FileHistorySource(String location, SqlHistory history) {
        this.location = location;
        this.findings = history.findings();
        this.planned = new PlannedRevisions(history.revisions());
        this.serverWideChange = history.revisions().stream()
                .flatMap(revision -> Stream.concat(revision.up().stream(), revision.down().stream()))
                .flatMap(part -> part.parse().serverWideChange().stream())
                .findFirst();
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

    @Override
    public Optional<String> serverWideChange() {
        return serverWideChange;
    }

    protected PlannedRevisions planned() {
        return planned;
    }
}
