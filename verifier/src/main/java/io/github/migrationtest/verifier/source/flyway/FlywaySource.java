package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.jdbc.SingleConnectionDataSource;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SessionTimeouts;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.TransactionRules;
import io.github.migrationtest.verifier.source.sql.FileHistorySource;
import io.github.migrationtest.verifier.source.sql.PlannedRevision;
import io.github.migrationtest.verifier.source.sql.PlannedRevisions;
import io.github.migrationtest.verifier.source.sql.ScriptPart;
import io.github.migrationtest.verifier.source.sql.SqlHistory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * A Flyway history. Upgrades go through Flyway one version at a time ({@code target}), so
 * placeholders, callbacks and Java migrations behave as in production: each step is a
 * {@code migrate}, and fires the callbacks a {@code migrate} fires. Repeatable migrations run in the
 * head's step, after its version, where a {@code migrate} of the whole history runs them
 * ({@link Repeatables}). Community Flyway has no undo, so a downgrade runs the version's {@code U}
 * script and deletes its row from the schema history table in the same transaction, leaving
 * Flyway's view consistent for the next upgrade (the downgrade's statement count includes that
 * delete); the head's downgrade first takes the repeatables away.
 */
final class FlywaySource extends FileHistorySource {

    /**
     * A repeatable-migration prefix no file name has: below the head, Flyway then sees no repeatable
     * migration (a file name cannot hold a slash) and leaves them for the head's step.
     */
    private static final String NO_REPEATABLES = "R__/";

    private final String flywayLocation;
    private final SourceOptions options;
    private final Repeatables repeatables = new Repeatables();
    private volatile StatementListener statements = StatementListener.NONE;

    FlywaySource(String location, String flywayLocation, SqlHistory history, SourceOptions options) {
        super(location, history);
        this.flywayLocation = flywayLocation;
        this.options = options;
    }

    @Override
    public SourceType type() {
        return SourceType.FLYWAY;
    }

    /** Each step configures a Flyway of its own, which shares nothing with another's, on the connection it is given. */
    @Override
    public boolean supportsConcurrentSteps() {
        return true;
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        PlannedRevision plan = planned().plan(revision, Direction.UP);
        long started = System.nanoTime();
        MigrateResult result;
        String outside;
        try {
            // Flyway decides this for itself; the reason is our reading of the script, for the report.
            outside = TransactionRules.reasonToRunOutsideTransaction(plan.up().stream().map(ScriptPart::parse).toList(),
                    connection.getMetaData().getDatabaseMajorVersion()).orElse("");
            FluentConfiguration configuration = configure(connection).target(revision.id());
            if (isHead(revision)) {
                repeatables.forget(connection);
                configuration.callbacks(repeatables.recorder(configuration.getTable()));
            } else {
                configuration.repeatableSqlMigrationPrefix(NO_REPEATABLES);
            }
            Flyway flyway = configuration.load();
            result = new SessionTimeouts(options.lockTimeout(), options.statementTimeout())
                    .around(connection, flyway::migrate);
        } catch (FlywayException e) {
            throw new MigrationFailedException(revision, Direction.UP, FlywayErrors.failure(plan, e), e);
        } catch (SQLException e) {
            throw new MigrationFailedException(revision, Direction.UP, PostgresErrors.failure(location(), e), e);
        }
        checkOnlyThisVersionRan(revision, result);
        return new StepResult(revision, Direction.UP, outside.isEmpty(), outside, -1,
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        PlannedRevision plan = planned().plan(revision, Direction.DOWN);
        if (!revision.hasDowngrade()) {
            throw PlannedRevisions.noDowngrade(revision);
        }
        FluentConfiguration configuration = configure(connection);
        SchemaHistoryTable table = SchemaHistoryTable.of(configuration, connection, revision);
        table.requireApplied();
        Placeholders placeholders = new Placeholders(configuration, table, connection);
        ScriptRunner runner = new ScriptRunner(options.lockTimeout(), options.statementTimeout());
        runner.reportTo(statements);
        if (isHead(revision)) {
            Optional<SqlScript> removal = repeatables.removal(revision, connection, table);
            if (removal.isPresent()) {
                runner.run(revision, Direction.DOWN, List.of(removal.get()), "", connection);
                repeatables.checkRemoved(revision, connection, table.table());
            }
        }
        List<SqlScript> scripts = new ArrayList<>();
        plan.down().forEach(part -> scripts.add(placeholders.apply(part).parse()));
        scripts.add(table.forgetScript());
        return runner.run(revision, Direction.DOWN, scripts, "", connection);
    }

    /** Only the downgrades' {@code U} scripts: the upgrades' statements run inside the Flyway API. */
    @Override
    public boolean reportStatementsTo(StatementListener listener) {
        statements = listener;
        return true;
    }

    /** The last version: its step is where a {@code migrate} of the whole history applies the repeatables. */
    private boolean isHead(Revision revision) {
        List<Revision> revisions = revisions();
        return !revisions.isEmpty() && revisions.get(revisions.size() - 1).id().equals(revision.id());
    }

    private FluentConfiguration configure(Connection connection) {
        FluentConfiguration configuration = Flyway.configure(options.classLoader())
                .dataSource(new SingleConnectionDataSource(connection))
                .locations(flywayLocation)
                .placeholders(options.placeholders())
                .cleanDisabled(true)
                .loggers(QuietFlywayLogCreator.class.getName());
        // Flyway's default lock is an advisory lock held in a transaction; on our single connection
        // that transaction would enclose the migration, and CREATE INDEX CONCURRENTLY would fail.
        // (Through the extension, not configuration(Map): that copies the whole configuration.)
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return configuration;
    }

    /** Flyway migrates every pending version up to the target: more than one means the database was behind. */
    private static void checkOnlyThisVersionRan(Revision revision, MigrateResult result) {
        List<String> versions = result.migrations == null ? List.of() : result.migrations.stream()
                .map(output -> output.version)
                .filter(v -> v != null && !v.isEmpty())
                .toList();
        if (versions.equals(List.of(revision.id()))) {
            return;
        }
        String message = versions.isEmpty()
                ? "Flyway applied nothing for version " + revision.id() + ": it is already applied"
                : "Flyway applied versions " + versions + " when asked for " + revision.id()
                        + " alone: the database was not at the revision before it";
        throw new MigrationFailedException(revision, Direction.UP, MigrationFailure.of(revision.files().get(0), message), null);
    }
}
