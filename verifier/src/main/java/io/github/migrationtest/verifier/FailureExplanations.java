package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Failures where the statement is not what to fix, each with the hint and fix that say what is: the environment lacks
 * what production has (an extension the server does not have or only a superuser creates, a role, schema or extension
 * no revision makes), the statement names production's database, or what it needs belongs elsewhere (an enum value
 * used where it was added, a drop before what depends on it, an enum type SQLAlchemy makes again), a role is held
 * by the verifier's own copy of the database, a drop is refused for the verifier's own DDL recorder, the files are Go
 * templates their tool renders first (pop's, GoTrue's), or the history is another database's (MySQL's, SQLite's) or
 * another major's (creating in schema public as any role, before Postgres 15). The first that recognises the failure
 * explains it.
 */
final class FailureExplanations {

    private static final List<Function<MigrationFailure, Optional<MigrationFailure>>> EXPLANATIONS = List.of(
            MissingExtension::explain, UntrustedExtension::explain, FailureExplanations::missingUnlessDropped,
            NamedDatabase::explain, RoleHeldByCopy::explain, RecorderDependents::explain, OrderingFixes::explain,
            EnumMadeAgain::explain, GoTemplate::explain, OtherDialect::explain, PublicSchemaCreate::explain);

    private FailureExplanations() {
    }

    /**
     * A {@code DROP} (also {@code DROP OWNED BY}), after any comments of either kind: what it misses is not the
     * environment's to provide.
     */
    private static final Pattern DROP = Pattern.compile("\\s*(?:(?:--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)\\s*)*DROP\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** The failure explained, or empty when none of the explanations recognises it. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        for (Function<MigrationFailure, Optional<MigrationFailure>> explanation : EXPLANATIONS) {
            Optional<MigrationFailure> explained = explanation.apply(failure);
            if (explained.isPresent()) {
                return explained;
            }
        }
        return Optional.empty();
    }

    /**
     * A role, schema or extension's object no revision makes, for an init script; not where the statement drops it: a
     * downgrade dropping what is not there (again, or under another name) is the history's own mistake.
     */
    private static Optional<MigrationFailure> missingUnlessDropped(MigrationFailure failure) {
        if (DROP.matcher(failure.statement()).lookingAt()) {
            return Optional.empty();
        }
        return MissingDeploymentObject.explain(failure).or(() -> MissingExtensionObject.explain(failure));
    }
}
