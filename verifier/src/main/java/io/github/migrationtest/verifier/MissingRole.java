package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that names a role the server does not have ({@code GRANT SELECT ON t TO readonly}, {@code ALTER TABLE t
 * OWNER TO app}, a policy {@code TO authenticated}). Most often the deployment makes the role (an application's login,
 * a read-only user, Supabase's {@code anon}) and no migration does: the history is not broken, the verifier's server
 * lacks what production has, as with an extension ({@link MissingExtension}).
 */
final class MissingRole {

    /** undefined_object, with Postgres's wording for a role. */
    private static final String UNDEFINED_OBJECT = "42704";
    private static final Pattern ROLE = Pattern.compile("role \"([^\"]+)\" does not exist");

    private MissingRole() {
    }

    /** The failure with the hint and fix, when a role it names does not exist; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        Matcher matcher = ROLE.matcher(failure.message());
        if (!failure.sqlState().equals(UNDEFINED_OBJECT) || !matcher.find()) {
            return Optional.empty();
        }
        String role = matcher.group(1);
        String create = "CREATE ROLE " + Identifiers.quote(role) + ";";
        return Optional.of(failure.withHint("Role " + role + " does not exist on the server the migrations run on, and no"
                        + " revision before this statement creates it. Roles are the server's, not the database's: if your"
                        + " deployment makes it (an application's or a read-only login, a platform's roles), make it in an"
                        + " init script (--init, @MigrationTest(initScripts), " + create + ", which keeps a role the server"
                        + " has), as the deployment does")
                .withFix("Create role " + role + " in an init script (" + create + "), as your deployment does, or in a"
                        + " migration before " + failure.location()));
    }
}
