package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that names a role or schema no revision before it makes ({@code GRANT SELECT ON t TO readonly}, a
 * policy {@code TO authenticated}, a key to {@code auth.users}). Most often the deployment makes it (an application's
 * login, a read-only user, a platform's roles and schemas such as Supabase's {@code anon} and {@code auth}) and no
 * migration does: the history is not broken, the verifier's database lacks what production has, as with an extension
 * ({@link MissingExtension}). The hint and fix name an init script; the statement is not called wrong.
 */
final class MissingDeploymentObject {

    /** What Postgres says, and how the object is made. */
    private record Kind(String sqlState, Pattern message, String noun, String create, String examples) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("42704", Pattern.compile("role \"([^\"]+)\" does not exist"), "role", "CREATE ROLE %s;",
                    "an application's or a read-only login, a platform's roles"),
            new Kind("3F000", Pattern.compile("schema \"([^\"]+)\" does not exist"), "schema", "CREATE SCHEMA %s;",
                    "a schema a platform or another system owns, such as Supabase's auth; --protect keeps the"
                            + " migrations out of it"));

    private MissingDeploymentObject() {
    }

    /** The failure with the hint and fix, when a role or schema it names does not exist; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        for (Kind kind : KINDS) {
            Matcher matcher = kind.message().matcher(failure.message());
            if (failure.sqlState().equals(kind.sqlState()) && matcher.find()) {
                return Optional.of(explained(failure, kind, matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static MigrationFailure explained(MigrationFailure failure, Kind kind, String name) {
        String create = kind.create().formatted(Identifiers.quote(name));
        return failure.withHint(Character.toUpperCase(kind.noun().charAt(0)) + kind.noun().substring(1) + " " + name
                        + " does not exist where the migrations run, and no revision before this statement creates it. If"
                        + " your deployment makes it (" + kind.examples() + "), make it in " + InitScriptAdvice.WHERE + ": "
                        + create)
                .withFix(InitScriptAdvice.fix(kind.noun() + " " + name, create) + ", or in a migration before "
                        + failure.location());
    }
}
