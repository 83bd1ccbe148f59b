package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The steps' side of least privilege: their connections log in as the migrations' login, and a
 * statement refused for want of a privilege says which option grants more. Without the hint a
 * history that needs a superuser (an untrusted extension, an event trigger, a role) would seem
 * broken where only the run's role is too small.
 */
public final class MigrationPrivileges {

    /** insufficient_privilege; an invalid password or a missing pg_hba.conf entry for the login. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Set<String> LOGIN_REFUSED = Set.of("28P01", "28000");
    private static final Pattern SERVER_WIDE_DUPLICATE = Pattern.compile("^(role|tablespace) \".*\" already exists");
    /** Alembic and other tools in other processes pass on Postgres' words, not its SQLSTATE. */
    private static final String[] REFUSALS = {"permission denied", "must be superuser", "must be owner",
            "must be a superuser", "insufficientprivilege", "only superusers"};

    private MigrationPrivileges() {
    }

    /** A connection for steps; a login the server refuses is explained with the options that change it. */
    public static Connection connect(DisposableDatabase database) throws SQLException {
        try {
            return database.connectForMigrations();
        } catch (SQLException e) {
            if (!LOGIN_REFUSED.contains(e.getSQLState())) {
                throw e;
            }
            throw new SQLException("The server refused the login the migrations run as (" + database.migrationsUser()
                    + "): " + e.getMessage() + ". Fix: allow that role a password login in pg_hba.conf, or "
                    + MigrationLogin.HOW_TO_WIDEN, e.getSQLState(), e);
        }
    }

    /**
     * The failure as it was, or, when a statement was refused for want of a privilege the migrations'
     * login lacks, with a hint that names the options (as the server's user, there is nothing more to
     * give); when a role or tablespace already exists, with why that happens on a shared server; when the statement
     * is not what to fix (an extension or role the environment lacks, ...), with what is ({@link FailureExplanations}).
     */
    public static MigrationFailedException explain(MigrationFailedException failed, MigrationLogin.Kind login) {
        MigrationFailure failure = failed.failure();
        Optional<MigrationFailure> missing = FailureExplanations.explain(failure);
        if (missing.isPresent()) {
            return failed.withFailure(missing.get());
        }
        String hint;
        if (login == MigrationLogin.Kind.OWN_ROLE && isTimeout(failure)) {
            hint = "The migrations' role has a statement_timeout of " + MigrationLogin.DEFAULT_STATEMENT_TIMEOUT
                    + " unless --statement-timeout (@MigrationTest(statementTimeout)) gives another: give a longer one"
                    + " if this statement needs it, or find what it waits for";
        } else if (isServerWideDuplicate(failure)) {
            hint = "Roles and tablespaces are the server's, not the database's: another run of this history on the"
                    + " same server (at the same time, or killed before its downgrades ran) or an init script may have"
                    + " made it. Run such a history once at a time per server, give each run a server of its own"
                    + " (the embedded backend), or create it with a plain CREATE ROLE in an --init script, which keeps a"
                    + " role that exists";
        } else if (login != MigrationLogin.Kind.SERVER_USER && isRefusal(failure)) {
            hint = "The migrations run as " + (login == MigrationLogin.Kind.OWN_ROLE
                    ? "a role of the run's own, without superuser" : "the role given") + ". If the history needs this"
                    + " privilege, " + MigrationLogin.HOW_TO_WIDEN;
        } else {
            return failed;
        }
        return failed.withFailure(failure.withHint(hint).withFix("")); // the hint's fix, not a source's
    }

    /**
     * What the init scripts made runs as the server's user (they stand for the environment: roles,
     * extensions), but a schema or table they make is the application's: it is given to the
     * migrations' role, as a DBA gives the application's schema to its role, so migrations may create
     * in it and alter it. Extensions' members and the recorder stay where they are. Owners are not
     * part of snapshots, so this changes no comparison.
     */
    public static void handOverInitObjects(Connection admin, DisposableDatabase database) throws SQLException {
        if (database.server().migrationsKind() == MigrationLogin.Kind.SERVER_USER
                || Objects.equals(database.migrationsUser(), database.user())) {
            return;
        }
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement(INIT_OBJECTS)) {
            query.setString(1, database.migrationsUser());
            query.setString(2, database.migrationsUser());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** SQL: the ALTER ... OWNER TO for each schema and relation of the server's user outside system schemas. */
    private static final String INIT_OBJECTS = """
            WITH mine AS (SELECT oid FROM pg_roles WHERE rolname = current_user),
            schemas AS (SELECT n.oid, n.nspname FROM pg_namespace n, mine
                WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'migrationtest_recorder'))
            SELECT format('ALTER SCHEMA %I OWNER TO %I', s.nspname, ?) FROM schemas s, mine, pg_namespace n
            WHERE n.oid = s.oid AND n.nspowner = mine.oid
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = s.oid
                  AND d.deptype = 'e')
            UNION ALL
            SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                   WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, s.nspname, c.relname, ?)
            FROM pg_class c JOIN schemas s ON s.oid = c.relnamespace, mine
            WHERE c.relowner = mine.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
              -- an extension's members, and a sequence a column owns (it follows its table), stay as they are
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))""";

    /** query_canceled by statement_timeout (also a user's cancel, which the verifier never sends). */
    private static boolean isTimeout(MigrationFailure failure) {
        return "57014".equals(failure.sqlState()) || failure.message().contains("canceling statement due to statement timeout");
    }

    /** duplicate_object for a role or tablespace: objects that outlive the run's databases. */
    private static boolean isServerWideDuplicate(MigrationFailure failure) {
        return "42710".equals(failure.sqlState())
                && SERVER_WIDE_DUPLICATE.matcher(failure.message()).find();
    }

    static boolean isRefusal(MigrationFailure failure) {
        if (INSUFFICIENT_PRIVILEGE.equals(failure.sqlState())) {
            return true;
        }
        String message = failure.message().toLowerCase(Locale.ROOT);
        for (String refusal : REFUSALS) {
            if (message.contains(refusal)) {
                return true;
            }
        }
        return false;
    }
}
