package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.jdbc.SingleConnectionDataSource;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import liquibase.Scope;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase's {@code update-count} and {@code rollback-count} on the caller's connection, in a scope
 * that is quiet (no console output, logging one level down through SLF4J, no analytics).
 */
final class LiquibaseCommands {

    // Commands and arguments by their public names (those of the CLI), which Liquibase 4 and 5 share,
    // rather than through the step classes, which move between versions.
    private static final String UPDATE_COUNT = "updateCount";
    private static final String ROLLBACK_COUNT = "rollbackCount";
    private static final String DATABASE = "database";
    private static final String CHANGELOG_FILE = "changelogFile";
    private static final String COUNT = "count";
    // Liquibase's own Liquibase.rollback(count) hands its parsed changelog to the command this way.
    private static final String PARSED_CHANGELOG = "databaseChangelog";

    /** Liquibase work that returns a value. */
    interface ScopedWork<T> {
        T run() throws Exception;
    }

    private final LiquibaseSource.Changelog changelog;
    private final AtomicReference<DatabaseChangeLog> parsed;
    private final Connection connection;
    private final Database database;

    /**
     * @param parsed the changelog as a previous command parsed it, lent to one command at a time
     *     (empty: the command parses it) and given back by a command that succeeds
     */
    LiquibaseCommands(LiquibaseSource.Changelog changelog, AtomicReference<DatabaseChangeLog> parsed, Connection connection) {
        this.changelog = changelog;
        this.parsed = parsed;
        this.connection = connection;
        // The caller owns the connection: Liquibase gets one whose close() does nothing.
        Connection unclosable = new SingleConnectionDataSource(connection).getConnection();
        this.database = inScope(changelog.accessor(),
                () -> DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(unclosable)));
    }

    /** Runs work in the quiet scope with the changelog's resource accessor. */
    static <T> T inScope(ResourceAccessor accessor, ScopedWork<T> work) {
        Map<String, Object> values = Map.of(
                Scope.Attr.resourceAccessor.name(), accessor,
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new QuietLogService(),
                "liquibase.analytics.enabled", Boolean.FALSE);
        try {
            return Scope.child(values, work::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseStepException(e);
        }
    }

    void updateCount(int count) {
        run(UPDATE_COUNT, count);
    }

    void rollbackCount(int count) {
        run(ROLLBACK_COUNT, count);
    }

    private void run(String command, int count) {
        DatabaseChangeLog lent = parsed.getAndSet(null);
        CommandScope done = inScope(changelog.accessor(), () -> {
            CommandScope scope = new CommandScope(command)
                    .addArgumentValue(DATABASE, database)
                    .addArgumentValue(CHANGELOG_FILE, changelog.file())
                    .addArgumentValue(COUNT, count)
                    .setOutput(OutputStream.nullOutputStream());
            if (lent != null) {
                scope.addArgumentValue(PARSED_CHANGELOG, lent);
            }
            scope.execute();
            return scope;
        });
        if (done.getDependency(DatabaseChangeLog.class) instanceof DatabaseChangeLog used) {
            parsed.set(used);
        }
    }

    /** The changeset Liquibase applied last, from its DATABASECHANGELOG table. */
    Optional<ChangeSetKey> lastApplied() throws SQLException {
        // Inside the scope: asking for the schema makes Liquibase log, and only the scope's logging is quiet.
        String table = inScope(changelog.accessor(), () -> database.escapeTableName(
                database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(), database.getDatabaseChangeLogTableName()));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, author, filename FROM " + table + " ORDER BY orderexecuted DESC LIMIT 1");
                ResultSet rows = statement.executeQuery()) {
            return rows.next()
                    ? Optional.of(new ChangeSetKey(rows.getString(1), rows.getString(2), rows.getString(3)))
                    : Optional.empty();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                // No DATABASECHANGELOG yet: nothing was ever applied.
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A checked exception from inside a Liquibase scope, carried out unchanged as the cause. */
    static final class LiquibaseStepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LiquibaseStepException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
