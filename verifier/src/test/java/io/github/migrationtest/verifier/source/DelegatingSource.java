package io.github.migrationtest.verifier.source;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * A source that hands everything to another, for tests that change one thing about a real source (its
 * steps, its revisions) and keep the rest, the default methods included.
 */
public abstract class DelegatingSource implements MigrationSource {

    protected final MigrationSource source;

    protected DelegatingSource(MigrationSource source) {
        this.source = source;
    }

    @Override
    public SourceType type() {
        return source.type();
    }

    @Override
    public String location() {
        return source.location();
    }

    @Override
    public List<Revision> revisions() {
        return source.revisions();
    }

    @Override
    public List<HistoryFinding> findings() {
        return source.findings();
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        return source.upgrade(revision, connection);
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        return source.downgrade(revision, connection);
    }

    @Override
    public boolean recordApplied(Revision revision, Connection connection) {
        return source.recordApplied(revision, connection);
    }

    @Override
    public boolean supportsConcurrentSteps() {
        return source.supportsConcurrentSteps();
    }

    @Override
    public Optional<String> serverWideChange() {
        return source.serverWideChange();
    }

    @Override
    public void usePassword(String password) {
        source.usePassword(password);
    }

    @Override
    public List<String> bookkeepingTables() {
        return source.bookkeepingTables();
    }

    @Override
    public boolean reportStatementsTo(StatementListener listener) {
        return source.reportStatementsTo(listener);
    }

    @Override
    public boolean readsNoTableBeforeItsStatements() {
        return source.readsNoTableBeforeItsStatements();
    }

    @Override
    public void close() {
        source.close();
    }
}
