package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

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
     * login lacks, with a hint that names the options; as the server's user, there is nothing more to give.
     */
    public static MigrationFailedException explain(MigrationFailedException failed, MigrationLogin.Kind login) {
        MigrationFailure failure = failed.failure();
        if (login == MigrationLogin.Kind.SERVER_USER || !isRefusal(failure)) {
            return failed;
        }
        String hint = "The migrations run as " + (login == MigrationLogin.Kind.OWN_ROLE
                ? "a role of the run's own, without superuser" : "the role given") + ". If the history needs this"
                + " privilege, " + MigrationLogin.HOW_TO_WIDEN;
        MigrationFailure explained = new MigrationFailure(failure.file(), failure.line(), failure.column(),
                failure.message(), failure.detail(), failure.hint().isEmpty() ? hint : failure.hint() + " " + hint,
                failure.sqlState(), failure.statement());
        MigrationFailedException replaced = new MigrationFailedException(failed.revision(), failed.direction(), explained,
                failed.getCause());
        replaced.setStackTrace(failed.getStackTrace());
        return replaced;
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
