package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.jdbc.ListeningConnection;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
    /** The location's SQL callbacks that run with every migrate ({@link MigrateCallbacks}). */
    private final List<String> migrateCallbacks;

    FlywaySource(String location, String flywayLocation, SqlHistory history, SourceOptions options,
                 List<String> migrateCallbacks) {
        super(location, history);
        this.flywayLocation = flywayLocation;
        this.options = options;
        this.migrateCallbacks = List.copyOf(migrateCallbacks);
    }

    @Override
    public List<String> upgradeCallbacks() {
        return migrateCallbacks;
    }

    @Override
    public SourceType type() {
        return SourceType.FLYWAY;
    }

    /**
     * The schemas Flyway manages ({@code schemas}, {@code defaultSchema}): it creates those missing at its first
     * {@code migrate}, puts its history table in the first, and only {@code clean} drops them.
     */
    @Override
    public Set<String> toolSchemas() {
        Set<String> schemas = new LinkedHashSet<>(options.flyway().schemas());
        if (options.flyway().defaultSchema() != null) {
            schemas.add(options.flyway().defaultSchema());
        }
        return schemas;
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
        Flyway flyway = null;
        try {
            // Flyway decides this for itself; the reason is our reading of the script, for the report.
            outside = TransactionRules.reasonToRunOutsideTransaction(plan.up().stream().map(ScriptPart::parse).toList(),
                    connection.getMetaData().getDatabaseMajorVersion()).orElse("");
            FluentConfiguration configuration = configure(connection).target(revision.id());
            StatementListener listener = statements;
            if (listener != StatementListener.NONE) {
                for (ScriptPart part : plan.up()) {
                    listener.scriptStarting(connection, part.display(), part.parse().linesContaining(StatementListener.COMMENT_MARK));
                }
                configuration.dataSource(new SingleConnectionDataSource(ListeningConnection.of(connection, () -> listener,
                        FlywayStatements.of(plan.up(), configuration))));
            }
            if (isHead(revision)) {
                repeatables.forget(connection);
                configuration.callbacks(repeatables.recorder(configuration.getTable()));
            } else {
                configuration.repeatableSqlMigrationPrefix(NO_REPEATABLES);
            }
            flyway = configuration.load();
            result = new SessionTimeouts(options.lockTimeout(), options.statementTimeout())
                    .around(connection, flyway::migrate);
        } catch (FlywayException e) {
            MigrationFailure failure = FlywayErrors.failure(plan, e);
            if (flyway != null && isHead(revision)) {
                failure = RepeatableOrder.explain(failure, flyway);
            }
            throw new MigrationFailedException(revision, Direction.UP, failure, e);
        } catch (SQLException e) {
            throw new MigrationFailedException(revision, Direction.UP, PostgresErrors.failure(location(), e), e);
        }
        checkOnlyThisVersionRan(revision, result);
        return new StepResult(revision, Direction.UP, outside.isEmpty(), outside, -1,
                migrationTime(result, Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * The time of the migration itself, as Flyway measured it: the wall time of the whole call also
     * holds Flyway's own start-up (about 1 s for the first, class loading and scanning), which is not
     * the migration's SQL and would make the summary's "migration SQL" line lie.
     */
    private static Duration migrationTime(MigrateResult result, Duration wall) {
        if (result.migrations == null || result.migrations.isEmpty()) {
            return wall;
        }
        long millis = result.migrations.stream().mapToLong(output -> output.executionTime).sum();
        return Duration.ofMillis(Math.min(millis, wall.toMillis()));
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
        if (isHead(revision)) {
            Optional<SqlScript> removal = repeatables.removal(revision, connection, table);
            if (removal.isPresent()) {
                // SQL of ours, not the user's: run before the runner reports statements, so it is not measured.
                try {
                    runner.run(revision, Direction.DOWN, List.of(removal.get()), "", connection);
                } catch (MigrationFailedException e) {
                    throw Repeatables.ours(e);
                }
                repeatables.checkRemoved(revision, connection, table.table());
            }
        }
        SqlScript forget = table.forgetScript();
        runner.reportTo(exceptFile(statements, forget.file()));
        List<SqlScript> scripts = new ArrayList<>();
        plan.down().forEach(part -> scripts.add(placeholders.apply(part).parse()));
        String undo = scripts.get(scripts.size() - 1).file(); // the U script whose statements ran last
        scripts.add(forget);
        return inFlywaySchema(revision, table, connection, () -> {
            try {
                return runner.run(revision, Direction.DOWN, scripts, "", connection);
            } catch (MigrationFailedException e) {
                throw e.failure().file().equals(forget.file()) ? historyGone(revision, undo, table, e) : e;
            }
        });
    }

    /**
     * The version's row could not be deleted after the {@code U} script: it dropped Flyway's schema history table
     * (undo scripts written to be run by hand do). Said as the script's doing, not as a failure of our own statement.
     */
    private static MigrationFailedException historyGone(Revision revision, String undo, SchemaHistoryTable table,
                                                        MigrationFailedException e) {
        if (!e.failure().sqlState().equals("42P01")) { // undefined_table
            return e;
        }
        String history = table.schema() + "." + table.table();
        MigrationFailure failure = MigrationFailure.of(undo, "the U script dropped Flyway's schema history table "
                + history + ", whose row for version " + revision.id() + " the downgrade then removes (as Flyway's"
                + " undo does)").withFix("leave " + history + " to Flyway: take its DROP out of " + undo);
        return new MigrationFailedException(revision, Direction.DOWN, failure, e);
    }

    /**
     * Runs a {@code U} script where Flyway ran the {@code V} script: with configured schemas, Flyway puts
     * its schema first on the search path while migrating, so unqualified names in the scripts mean it.
     */
    private StepResult inFlywaySchema(Revision revision, SchemaHistoryTable table, Connection connection,
                                      Supplier<StepResult> step) {
        if (options.flyway().schemas().isEmpty() && options.flyway().defaultSchema() == null) {
            return step.get();
        }
        String saved;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('search_path')")) {
            rows.next();
            saved = rows.getString(1);
            setSearchPath(connection, "SELECT set_config('search_path', quote_ident(?), false)", table.schema());
        } catch (SQLException e) {
            throw new MigrationFailedException(revision, Direction.DOWN, PostgresErrors.failure(location(), e), e);
        }
        try {
            return step.get();
        } finally {
            try {
                setSearchPath(connection, "SELECT set_config('search_path', ?, false)", saved);
            } catch (SQLException e) {
                // A failed script leaves an aborted transaction; the walk rolls it back and resets the session.
            }
        }
    }

    private static void setSearchPath(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.execute();
        }
    }

    /**
     * The downgrades' {@code U} scripts, which we run, and the upgrades' statements of the {@code V}
     * scripts, which run inside the Flyway API: on a connection that reports them ({@link FlywayStatements}).
     */
    @Override
    public boolean reportStatementsTo(StatementListener listener) {
        statements = listener;
        return true;
    }

    /**
     * The listener, deaf to the statements of {@code file}: the delete from Flyway's schema history table,
     * which is Flyway's bookkeeping, not the user's, and is no statement of the step's to measure.
     */
    private static StatementListener exceptFile(StatementListener listener, String file) {
        if (listener == StatementListener.NONE) {
            return listener;
        }
        return new StatementListener() {
            @Override
            public void scriptStarting(Connection connection, String script, String text) {
                if (!script.equals(file)) {
                    listener.scriptStarting(connection, script, text);
                }
            }

            @Override
            public void beforeStatement(Connection connection, ExecutedStatement statement) {
                if (!statement.file().equals(file)) {
                    listener.beforeStatement(connection, statement);
                }
            }

            @Override
            public void afterStatement(Connection connection, ExecutedStatement statement) {
                if (!statement.file().equals(file)) {
                    listener.afterStatement(connection, statement);
                }
            }
        };
    }

    /** The last version: its step is where a {@code migrate} of the whole history applies the repeatables. */
    private boolean isHead(Revision revision) {
        List<Revision> revisions = revisions();
        return !revisions.isEmpty() && revisions.get(revisions.size() - 1).id().equals(revision.id());
    }

    private FluentConfiguration configure(Connection connection) {
        List<String> locations = new ArrayList<>(List.of(flywayLocation));
        locations.addAll(options.flyway().extraLocations());
        FluentConfiguration configuration = Flyway.configure(options.classLoader())
                .dataSource(new SingleConnectionDataSource(connection))
                .locations(locations.toArray(String[]::new))
                .placeholders(options.placeholders())
                .cleanDisabled(true)
                .loggers(QuietFlywayLogCreator.class.getName());
        FlywaySettings.apply(options.flyway(), configuration);
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
