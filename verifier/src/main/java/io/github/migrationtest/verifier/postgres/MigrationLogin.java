package io.github.migrationtest.verifier.postgres;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who a run's migrations log in as. By default a role of the run's own: no superuser, owner of the
 * run's databases, created for the run and dropped after it, so a migration cannot reach beyond its
 * database (drop another database, {@code ALTER SYSTEM}, {@code COPY ... TO PROGRAM}, terminate
 * other sessions, create roles). The snapshots, clones and drops always run as the server's user.
 *
 * @param role the existing role to log in as ({@link Kind#NAMED_ROLE} only)
 * @param password that role's password, when it needs one ({@link Kind#NAMED_ROLE} only)
 */
public record MigrationLogin(Kind kind, Optional<String> role, Optional<String> password) {

    /** The kinds of login. */
    public enum Kind {
        /** A role the run creates: login, no superuser, no CREATEDB, no CREATEROLE. */
        OWN_ROLE,
        /** A role that exists on the server, given by the user. */
        NAMED_ROLE,
        /**
         * Superuser migrations: a superuser role the run creates (since session 36), or the server's user itself where
         * it is no superuser and so can make none. The name is kept from when it was always the server's user.
         */
        SERVER_USER
    }

    /** The default: a role of the run's own. */
    public static final MigrationLogin OWN_ROLE = new MigrationLogin(Kind.OWN_ROLE, Optional.empty(), Optional.empty());
    /** Superuser migrations (see {@link Kind#SERVER_USER}). */
    public static final MigrationLogin SERVER_USER = new MigrationLogin(Kind.SERVER_USER, Optional.empty(),
            Optional.empty());

    /**
     * The run's own role's {@code statement_timeout}: a migration that hangs ({@code pg_sleep(600)}, a
     * lock never granted) fails after it instead of holding the run for ever. Generous, since the
     * working databases are nearly empty: a real history's statements take milliseconds there.
     * {@code --statement-timeout} sets another for each step.
     */
    public static final String DEFAULT_STATEMENT_TIMEOUT = "10min";

    /** How a user who needs more privileges asks for them; error messages quote it. */
    public static final String HOW_TO_WIDEN = "run the migrations with more privileges: --superuser-migrations (key "
            + PostgresSettings.SUPERUSER_MIGRATIONS + "=true, @MigrationTest(superuserMigrations = true)), or"
            + " --migrations-as <role> (key " + PostgresSettings.MIGRATIONS_AS + ")";

    public MigrationLogin {
        if (kind == Kind.NAMED_ROLE && (role.isEmpty() || role.get().isBlank())) {
            throw new IllegalArgumentException("A named role needs its name");
        }
    }

    /** An existing role, with its password or {@code null} (then the server's rules for it apply, or ~/.pgpass). */
    public static MigrationLogin as(String role, String password) {
        return new MigrationLogin(Kind.NAMED_ROLE, Optional.of(role), Optional.ofNullable(password));
    }

    /** From the keys {@link PostgresSettings#MIGRATIONS_AS}, {@link PostgresSettings#MIGRATIONS_PASSWORD} and {@link PostgresSettings#SUPERUSER_MIGRATIONS}. */
    static MigrationLogin from(Function<String, Optional<String>> values) {
        boolean superuser = values.apply(PostgresSettings.SUPERUSER_MIGRATIONS)
                .map(v -> PostgresSettings.parseBoolean(PostgresSettings.SUPERUSER_MIGRATIONS, v)).orElse(false);
        Optional<String> role = values.apply(PostgresSettings.MIGRATIONS_AS);
        if (superuser && role.isPresent()) {
            throw new IllegalArgumentException(String.format("Both %s=true and %s='%s' are set: the migrations run as one"
                            + " login. Remove one of them", PostgresSettings.SUPERUSER_MIGRATIONS,
                    PostgresSettings.MIGRATIONS_AS, role.get()));
        }
        if (superuser) {
            return SERVER_USER;
        }
        return role.map(r -> as(r, values.apply(PostgresSettings.MIGRATIONS_PASSWORD).orElse(null))).orElse(OWN_ROLE);
    }

    /** For messages: who the migrations ran as. */
    public String describe() {
        return switch (kind) {
            case OWN_ROLE -> "the run's own role (no superuser)";
            case NAMED_ROLE -> "role " + role.get();
            case SERVER_USER -> "a superuser role of the run's own (the server's user where it is no superuser)";
        };
    }
}
