package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code DROP ROLE} refused only for what another database of the server holds: Postgres's detail then counts
 * objects "in database" others and names none in the migration's own. Where those are the verifier's (a checkpoint it
 * cloned to rebuild states from, on the same server), the statement runs on the user's one database: the walk drops
 * its copy and runs the step again where it can ({@link WorkingDatabase#observedUpgrade}, {@link
 * WorkingDatabase#observedDowngrade}, a rebuild's replays); where it cannot, the
 * failure says whose the objects are instead of sending the user after their own statement.
 */
final class RoleHeldByCopy {

    /** The verifier's databases: {@code migrationtest_<run>_<n>} ({@code DisposableDatabase}). */
    private static final Pattern ELSEWHERE = Pattern.compile("\\d+ objects? in database (migrationtest_\\w+)");

    private RoleHeldByCopy() {
    }

    /** The verifier's databases holding what depends on the role the failed statement drops; empty for any other failure. */
    static List<String> copies(MigrationFailure failure) {
        if (!"2BP01".equals(failure.sqlState()) || !failure.message().startsWith("role ")
                || failure.detail().isBlank()) {
            return List.of();
        }
        List<String> copies = failure.detail().lines().map(String::trim).filter(line -> !line.isEmpty())
                .map(ELSEWHERE::matcher).map(m -> m.matches() ? m.group(1) : null).toList();
        return copies.contains(null) ? List.of() : copies;
    }

    /** The failure explained, when only the verifier's copies hold what depends on the role. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        List<String> copies = copies(failure);
        if (copies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(failure.withHint("Only " + String.join(", ", copies) + " hold(s) what depends on the role:"
                + " a copy of the database the verifier keeps on the same server to rebuild states from, not yours; on"
                + " your one database this statement runs.").withFix("Nothing to change at " + failure.location()
                + " for this: the verifier drops its copy and runs the step again only where the step committed"
                + " nothing before it failed (one run in a transaction of its own)"));
    }
}
