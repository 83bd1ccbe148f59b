package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import java.sql.Connection;
import java.util.Optional;
import java.util.Set;

/** Plain SQL migrations, each direction run from its file over JDBC. */
public final class SqlPairsSource extends FileHistorySource {

    private final ScriptRunner runner;
    private final Set<String> userTables;

    SqlPairsSource(String location, SqlHistory history, SourceOptions options) {
        super(location, history);
        this.runner = new ScriptRunner(options.lockTimeout(), options.statementTimeout(), history.bookkeeping());
        this.userTables = history.userTables();
    }

    @Override
    public Set<String> userTables() {
        return userTables;
    }

    @Override
    public SourceType type() {
        return SourceType.SQL;
    }

    /** The scripts are read once and immutable; each step runs on the connection it is given. */
    @Override
    public boolean supportsConcurrentSteps() {
        return true;
    }

    @Override
    public boolean reportStatementsTo(StatementListener listener) {
        runner.reportTo(listener);
        return true;
    }

    /** The runner asks the catalog whether the bookkeeping table exists; it writes it with the last statement. */
    @Override
    public boolean readsNoTableBeforeItsStatements() {
        return true;
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        return planned().run(runner, revision, Direction.UP, connection);
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        return planned().run(runner, revision, Direction.DOWN, connection);
    }

    @Override
    public Optional<String> whyNotUncommitted(Revision revision, int serverMajor) {
        return planned().whyNotUncommitted(revision, serverMajor);
    }

    @Override
    public StepResult runUncommitted(Revision revision, Direction direction, Connection connection) {
        return planned().runUncommitted(runner, revision, direction, connection);
    }

    @Override
    public boolean recordApplied(Revision revision, Connection connection) {
        planned().recordApplied(runner, revision, connection);
        return true;
    }
}
