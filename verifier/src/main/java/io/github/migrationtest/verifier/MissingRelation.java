package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upgrade, run on the schema the revisions before it built, that names a table no revision made. Most often the
 * statement is wrong (a misspelt name, a migration out of order); sometimes the history starts from a schema made
 * outside it: a baseline restored from a dump, or an application that runs {@code metadata.create_all()} and {@code
 * alembic stamp} (fedora-infra/fmn). Both are said; the statement is not called the only culprit. Only where the
 * revisions before built the state: after a downgrade (a re-upgrade), a missing table is the downgrade's doing.
 */
final class MissingRelation {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern MESSAGE = Pattern.compile("relation \"([^\"]+)\" does not exist");

    private MissingRelation() {
    }

    /** The failure of an upgrade with the hint and fix, when it names a relation that does not exist; else empty. */
    static Optional<MigrationFailure> explainUpgrade(MigrationFailure failure) {
        Matcher matcher = MESSAGE.matcher(failure.message());
        if (!failure.sqlState().equals(UNDEFINED_TABLE) || !failure.fix().isEmpty() || !matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("No revision before this one creates " + matcher.group(1) + ". If the"
                        + " history starts from a schema made outside it (a baseline restored from a dump, or the"
                        + " application's metadata.create_all() followed by alembic stamp), that schema, as it was before"
                        + " the first revision, belongs in " + InitScriptAdvice.WHERE + ".")
                .withFix("Fix the statement at " + failure.location() + " (the name, or the order of the migrations), or"
                        + " give the schema the history starts from in an init script (--init)"));
    }
}
