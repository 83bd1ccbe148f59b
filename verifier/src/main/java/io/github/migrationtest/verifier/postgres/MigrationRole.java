package io.github.migrationtest.verifier.postgres;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login a run's migrations use, and the role behind it when the run made one: created with a
 * random password at the start, owner of every database the run makes, dropped at the end. Only a
 * superuser can make a role that then owns databases; when the server's user is none, the
 * migrations run as that user (it has nothing more to lose), and the run says so.
 */
final class MigrationRole {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRole.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerEndpoint endpoint;
    /** The role that owns the run's databases; null when the server's user does. */
    private final String owner;
    /** Whether the run made the role, and so drops it. */
    private final boolean created;
    private final Optional<String> notice;
    private final MigrationLogin.Kind kind;

    private MigrationRole(MigrationLogin.Kind kind, ServerEndpoint endpoint, String owner, boolean created,
                          Optional<String> notice) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.owner = owner;
        this.created = created;
        this.notice = notice;
    }

    /** Sets up the login {@code wanted} asks for; a role of the run's own is named after the run and carries {@code marker}. */
    static MigrationRole open(AdminConnections admin, ServerEndpoint server, MigrationLogin wanted, String runId,
                              String marker) throws SQLException {
        return switch (wanted.kind()) {
            case SERVER_USER -> superuser(admin, server, runId, marker);
            case NAMED_ROLE -> named(admin, server, wanted);
            case OWN_ROLE -> own(admin, server, runId, marker);
        };
    }

    private static MigrationRole own(AdminConnections admin, ServerEndpoint server, String runId, String marker)
            throws SQLException {
        if (!isSuperuser(admin)) {
            return new MigrationRole(MigrationLogin.Kind.SERVER_USER, server, null, false, Optional.of(
                    "The migrations run as " + server.user() + ", the server's user: it is not a superuser, so the run"
                            + " cannot make a role of its own with less (it cannot give it its databases)"));
        }
        Login login = created(admin, runId, marker, "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
        return new MigrationRole(MigrationLogin.Kind.OWN_ROLE, server.withLogin(login.name(), login.password()),
                login.name(), true, Optional.empty());
    }

    /**
     * Superuser migrations log in as a superuser role of the run's own, not as the server's user: a history may change
     * its own login ({@code ALTER USER current_user WITH NOSUPERUSER}, provideplatform/privacy), which would last on the
     * server (Postgres 15 lets even the bootstrap superuser be demoted, and later majors refuse it, failing the history)
     * and is undone with the role at the end of the run. Where the server's user is no superuser it cannot make one, and
     * the migrations run as that user.
     */
    private static MigrationRole superuser(AdminConnections admin, ServerEndpoint server, String runId, String marker)
            throws SQLException {
        if (!isSuperuser(admin)) {
            return new MigrationRole(MigrationLogin.Kind.SERVER_USER, server, null, false, Optional.empty());
        }
        Login login = created(admin, runId, marker, "SUPERUSER");
        return new MigrationRole(MigrationLogin.Kind.SERVER_USER, server.withLogin(login.name(), login.password()),
                login.name(), true, Optional.empty());
    }

    private static boolean isSuperuser(AdminConnections admin) throws SQLException {
        return admin.use(statement -> bool(statement, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"));
    }

    private record Login(String name, String password) {
    }

    /** Creates the run's role with these attributes, a login with a random password. */
    private static Login created(AdminConnections admin, String runId, String marker, String attributes)
            throws SQLException {
        String name = PostgresServer.DATABASE_PREFIX + runId;
        String password = HexFormat.of().formatHex(bytes(18));
        // One transaction: a role without its comment would never be reclaimed if the run died in between.
        admin.use(statement -> statement.execute("BEGIN; CREATE ROLE " + PostgresServer.quote(name)
                + " LOGIN " + attributes + " INHERIT PASSWORD "
                + PostgresServer.literal(password) + "; ALTER ROLE " + PostgresServer.quote(name)
                + " SET statement_timeout = " + PostgresServer.literal(MigrationLogin.DEFAULT_STATEMENT_TIMEOUT)
                + "; COMMENT ON ROLE " + PostgresServer.quote(name) + " IS " + PostgresServer.literal(marker)
                + "; COMMIT"));
        return new Login(name, password);
    }

    private static MigrationRole named(AdminConnections admin, ServerEndpoint server, MigrationLogin wanted)
            throws SQLException {
        String role = wanted.role().orElseThrow();
        Boolean member = admin.use(statement -> {
            try (PreparedStatement query = statement.getConnection().prepareStatement(
                    "SELECT pg_has_role(current_user, r.oid, 'MEMBER') FROM pg_roles r WHERE r.rolname = ?")) {
                query.setString(1, role);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getBoolean(1) : null;
                }
            }
        });
        if (member == null) {
            throw new SQLException(String.format("there is no role %s on the server (%s). Fix: create it, or name another"
                    + " role, or leave %s unset for a role of the run's own", role, PostgresSettings.MIGRATIONS_AS,
                    PostgresSettings.MIGRATIONS_AS));
        }
        // The server's user gives the databases to the role when it may; else they stay its own, and the
        // role needs grants on them (CONNECT, CREATE) from whoever manages it.
        return new MigrationRole(MigrationLogin.Kind.NAMED_ROLE, server.withLogin(role, wanted.password().orElse(null)), member ? role : null, false,
                Optional.empty());
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean bool(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.next() && row.getBoolean(1);
        }
    }

    /** How the migrations connect. */
    ServerEndpoint endpoint() {
        return endpoint;
    }

    /** {@code " OWNER <role>"} for CREATE DATABASE, or nothing when the server's user owns the databases. */
    String ownerClause() {
        return owner == null ? "" : " OWNER " + PostgresServer.quote(owner);
    }

    /** What the user should hear about the login, if anything. */
    Optional<String> notice() {
        return notice;
    }

    /**
     * Drops the run's own role, after its databases: a role that still owns something stays, and the log says why. What
     * a superuser role made outside them (a database, a tablespace: {@code CREATE DATABASE} in a downgrade) is given to
     * the server's user first, who would have made it as before such roles.
     */
    void drop(AdminConnections admin, String server) {
        if (!created) {
            return;
        }
        String reassign = kind == MigrationLogin.Kind.SERVER_USER
                ? "REASSIGN OWNED BY " + PostgresServer.quote(owner) + " TO CURRENT_USER; " : "";
        try {
            admin.use(statement -> statement.execute(reassign + "DROP ROLE IF EXISTS " + PostgresServer.quote(owner)));
        } catch (SQLException e) {
            LOG.warn("Could not drop role {} on {}; a later run drops it once what it owns is gone: {}", owner, server,
                    e.getMessage());
        }
    }

    /** A kept database stays the role's: the role is kept with it, and says so, so no later run drops it. */
    void keep(AdminConnections admin, String note) {
        if (!created) {
            return;
        }
        try {
            admin.use(statement -> statement.execute("COMMENT ON ROLE " + PostgresServer.quote(owner) + " IS "
                    + PostgresServer.literal(note)));
        } catch (SQLException e) {
            LOG.warn("Could not mark role {} as kept: {}", owner, e.getMessage());
        }
    }

    /** Who the migrations run as in the end: the server's user when it could not make a role. */
    MigrationLogin.Kind kind() {
        return kind;
    }
}
