package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import java.sql.Connection;
import java.util.List;

/** Plain SQL migrations, each direction run from its file over JDBC. */
public final class SqlPairsSource implements MigrationSource {

    private final String location;
    private final SqlHistory history;
    private final ScriptRunner runner;
    private final PlannedRevisions planned;

    SqlPairsSource(String location, SqlHistory history, SourceOptions options) {
        this.location = location;
        this.history = history;
        this.runner = new ScriptRunner(options.lockTimeout(), options.statementTimeout());
        this.planned = new PlannedRevisions(history.revisions());
    }

    @Override
    public SourceType type() {
        return SourceType.SQL;
    }

    @Override
    public String location() {
        return location;
    }

    /** The naming convention the files follow, {@code null} when there are none. */
    public Convention convention() {
        return history.convention();
    }

    @Override
    public List<Revision> revisions() {
        return planned.revisions();
    }

    @Override
    public List<HistoryFinding> findings() {
        return history.findings();
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        return planned.run(runner, revision, Direction.UP, connection);
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        return planned.run(runner, revision, Direction.DOWN, connection);
    }
}
