package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role that a rebuild's replayed upgrade creates again. Roles are the server's, not the database's: the walk's own
 * first run of that upgrade made the role after the checkpoint the rebuild starts from was taken, and the role outlives
 * the database the rebuild replaces, so the replayed {@code CREATE ROLE} finds it (on the user's one database that
 * upgrade runs once). Such a role is dropped, once the replaced database that may hold what depends on it is gone, and
 * the upgrade replayed again ({@link WorkingDatabase#recover}).
 */
final class ReplayedRole {

    /** Postgres's message for a CREATE ROLE (USER, GROUP) of a name in use: the name as written, unescaped. */
    private static final Pattern EXISTS = Pattern.compile("role \"(.+)\" already exists");

    /**
     * Whether the role was made after the database was created: its oid was drawn from the server's counter, which only
     * grows, after the database's (a role made before the checkpoint has a smaller one).
     */
    private static final String MADE_AFTER = "select exists (select 1 from pg_catalog.pg_roles r, pg_catalog.pg_database d"
            + " where r.rolname = ? and d.datname = ? and r.oid > d.oid)";

    private ReplayedRole() {
    }

    /** The role a failed {@code CREATE ROLE} found existing; empty for any other failure. */
    static Optional<String> existing(MigrationFailure failure) {
        if (!"42710".equals(failure.sqlState())) {
            return Optional.empty();
        }
        Matcher matcher = EXISTS.matcher(failure.message());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether {@code role} was made after the database {@code database} was created. */
    static boolean madeAfter(Connection connection, String role, String database) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MADE_AFTER)) {
            statement.setString(1, role);
            statement.setString(2, database);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static void drop(Connection connection, String role) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE \"" + role.replace("\"", "\"\"") + "\"");
        }
    }
}
