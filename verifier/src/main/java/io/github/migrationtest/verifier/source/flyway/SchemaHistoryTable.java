package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.configuration.Configuration;

/** Flyway's {@code flyway_schema_history} table on one connection: checking and removing a version's row. */
final class SchemaHistoryTable {

    /** Flyway's row for the schemas it created ({@code spring.flyway.schemas}) has no version either, and is no repeatable. */
    private static final String NOT_SCHEMA_MARKER = "type <> 'SCHEMA'";

    private final Connection connection;
    private final Revision revision;
    private final String schema;
    private final String table;

    private SchemaHistoryTable(Connection connection, Revision revision, String schema, String table) {
        this.connection = connection;
        this.revision = revision;
        this.schema = schema;
        this.table = table;
    }

    /** The table Flyway uses: in its default schema, else the first of its schemas, else the session's. */
    static SchemaHistoryTable of(Configuration configuration, Connection connection, Revision revision) {
        String schema = configuration.getDefaultSchema();
        if (schema == null && configuration.getSchemas().length > 0) {
            schema = configuration.getSchemas()[0];
        }
        SchemaHistoryTable table = new SchemaHistoryTable(connection, revision, schema, configuration.getTable());
        return schema != null ? table : new SchemaHistoryTable(connection, revision, table.currentSchema(), table.table);
    }

    String schema() {
        return schema;
    }

    String table() {
        return table;
    }

    /** Fails unless Flyway recorded the version as applied: downgrading a version that is not there would undo nothing. */
    void requireApplied() {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + qualified() + " WHERE version = ? AND success")) {
            statement.setString(1, revision.id());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    throw failure("version " + revision.id() + " is not applied according to " + schema + "." + table
                            + ": upgrade it before downgrading it", null);
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read " + schema + "." + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * The statement that deletes the version's row, so Flyway sees it as pending again; run with the
     * {@code U} script, in its transaction, so a failed downgrade leaves the row in place.
     */
    SqlScript forgetScript() {
        String version = revision.id().replace("'", "''");
        return SqlScript.parse(schema + "." + table, "DELETE FROM " + qualified() + " WHERE version = '" + version + "'");
    }

    /** Whether Flyway recorded a repeatable migration as applied (its rows have no version). */
    boolean repeatablesApplied() {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + qualified() + " WHERE version IS NULL AND success AND " + NOT_SCHEMA_MARKER);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1) > 0;
        } catch (SQLException e) {
            throw failure("cannot read " + schema + "." + table + ": " + e.getMessage(), e);
        }
    }

    /** The statement that deletes the repeatables' rows, so Flyway applies them again at the next upgrade of the head. */
    String forgetRepeatablesSql() {
        return "DELETE FROM " + qualified() + " WHERE version IS NULL AND " + NOT_SCHEMA_MARKER + ";";
    }

    private String currentSchema() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw failure("cannot read the current schema: " + e.getMessage(), e);
        }
    }

    private String qualified() {
        return quote(schema) + "." + quote(table);
    }

    private MigrationFailedException failure(String message, SQLException cause) {
        MigrationFailure failure = new MigrationFailure(schema + "." + table, 0, 0, message, "", "",
                cause == null ? "" : cause.getSQLState(), "");
        return new MigrationFailedException(revision, Direction.DOWN, failure, cause);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
