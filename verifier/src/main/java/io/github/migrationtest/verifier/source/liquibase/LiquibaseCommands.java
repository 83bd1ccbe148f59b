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
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
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

    /** Liquibase work that returns a value. */
    interface ScopedWork<T> {
        T run() throws Exception;
    }

    private final LiquibaseSource.Changelog changelog;
    private final Connection connection;
    private final Database database;

    LiquibaseCommands(LiquibaseSource.Changelog changelog, Connection connection) {
        this.changelog = changelog;
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
        inScope(changelog.accessor(), () -> withTarget(new CommandScope(UpdateCountCommandStep.COMMAND_NAME))
                .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                .execute());
    }

    void rollbackCount(int count) {
        inScope(changelog.accessor(), () -> withTarget(new CommandScope(RollbackCountCommandStep.COMMAND_NAME))
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count)
                .execute());
    }

    private CommandScope withTarget(CommandScope command) throws Exception {
        return command
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.file())
                .setOutput(OutputStream.nullOutputStream());
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
