package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.PostgresServer;
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
 * A role that a rebuild's replayed upgrade creates again, or needs and finds gone. Roles are the server's, not the
 * database's, and what the walk's first run of the upgrades did to them outlives the database the rebuild replaces (on
 * the user's one database each upgrade runs once): the walk made the role after the checkpoint the rebuild starts from
 * was taken, so the replayed {@code CREATE ROLE} finds it; or a later upgrade dropped it, so the replayed {@code DROP
 * ROLE} or {@code GRANT} finds none. The first is dropped, once the replaced database that may hold what depends on it
 * is gone, the second made again (without login: the replays drop it again, or grant to it), and the upgrade replayed
 * again ({@link WorkingDatabase#recover}). An upgrade that failed for a missing role in the walk's first run never
 * reaches a replay.
 */
final class ReplayedRole {

    /** Postgres's message for a CREATE ROLE (USER, GROUP) of a name in use: the name as written, unescaped. */
    private static final Pattern EXISTS = Pattern.compile("role \"(.+)\" already exists");
    /** Its message for a role named that is not there (DROP ROLE, GRANT ... TO, ALTER ROLE, OWNER TO). */
    private static final Pattern MISSING = Pattern.compile("role \"(.+)\" does not exist");

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
        return named(failure, "42710", EXISTS);
    }

    private static Optional<String> named(MigrationFailure failure, String sqlState, Pattern message) {
        if (!sqlState.equals(failure.sqlState())) {
            return Optional.empty();
        }
        Matcher matcher = message.matcher(failure.message());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The role a failed statement found missing; empty for any other failure. */
    static Optional<String> missing(MigrationFailure failure) {
        return named(failure, "42704", MISSING);
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
        execute(connection, "DROP ROLE " + PostgresServer.quote(role));
    }

    static void create(Connection connection, String role) throws SQLException {
        execute(connection, "CREATE ROLE " + PostgresServer.quote(role) + " NOLOGIN");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
