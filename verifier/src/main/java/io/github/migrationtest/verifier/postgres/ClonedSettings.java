package io.github.migrationtest.verifier.postgres;

import io.github.migrationtest.verifier.snapshot.DatabaseSetting;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives a clone its template's own settings ({@code ALTER DATABASE ... SET}), which {@code CREATE DATABASE ...
 * TEMPLATE} does not copy: a snapshot of the clone must read as one of the template, and its sessions start as the
 * template's would. Each value is set as {@link DatabaseSetting#valueAsSql} writes it, which Postgres stores
 * unchanged. A server user that is not superuser sets them as the clone's owner, which it could create the clone for.
 */
final class ClonedSettings {

    /** Postgres's SQLSTATE for a privilege the role lacks. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private ClonedSettings() {
    }

    /**
     * Copies them on the server user's {@code statement}; empty when done (or there were none), else why not: a clone
     * without them is still better than none.
     */
    static Optional<String> copy(Statement statement, String template, String clone) throws SQLException {
        List<DatabaseSetting> settings = settingsOf(statement, template);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        String owner = ownerUnlessSuperuser(statement, clone);
        try {
            if (owner != null) {
                statement.execute("SET ROLE " + PostgresServer.quote(owner));
            }
            for (DatabaseSetting setting : settings) {
                statement.execute("ALTER DATABASE " + PostgresServer.quote(clone) + " SET " + setting.name() + " = "
                        + setting.valueAsSql());
            }
            return Optional.empty();
        } catch (SQLException e) {
            if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
                throw e;
            }
            return Optional.of("The settings of database " + template + " were not copied to its clone " + clone + ": "
                    + e.getMessage());
        } finally {
            if (owner != null) {
                statement.execute("RESET ROLE");
            }
        }
    }

    private static List<DatabaseSetting> settingsOf(Statement statement, String database) throws SQLException {
        List<DatabaseSetting> settings = new ArrayList<>();
        try (PreparedStatement query = statement.getConnection().prepareStatement(DatabaseSetting.OF_DATABASE.formatted("?"))) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    settings.add(new DatabaseSetting(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return settings;
    }

    /** The clone's owner, when the server user is not a superuser (who may set any parameter itself); else null. */
    private static String ownerUnlessSuperuser(Statement statement, String clone) throws SQLException {
        try (PreparedStatement query = statement.getConnection().prepareStatement("""
                select r.rolsuper, pg_catalog.pg_get_userbyid(d.datdba)
                from pg_catalog.pg_roles r, pg_catalog.pg_database d where r.rolname = current_user and d.datname = ?""")) {
            query.setString(1, clone);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? null : row.getString(2);
            }
        }
    }
}
