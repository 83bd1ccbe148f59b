package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code CREATE EXTENSION} of an extension only a superuser may create (not trusted: pg_stat_statements, pg_cron,
 * plpython3u), refused to the migrations' role. In production a DBA or the image's init usually creates it, and the
 * migration's {@code IF NOT EXISTS} finds it: an init script, which runs as the server's user, does the same here.
 * Running every migration as a superuser is the other way, named too.
 */
final class UntrustedExtension {

    private static final Pattern REFUSED = Pattern.compile("permission denied to create extension \"([^\"]+)\"");

    private UntrustedExtension() {
    }

    /** The failure with the hint and fix, when it is such a refusal; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        Matcher matcher = REFUSED.matcher(failure.message());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
        String create = InitScriptAdvice.createExtension(name);
        return Optional.of(failure.withHint("Only a superuser creates extension " + name + ", as a DBA or the deployment's"
                        + " image usually does: create it in " + InitScriptAdvice.WHERE + ", which runs as the server's"
                        + " user: " + create + " (a CREATE EXTENSION IF NOT EXISTS in the migration"
                        + " then finds it); or " + MigrationLogin.HOW_TO_WIDEN)
                .withFix(InitScriptAdvice.fix("extension " + name, create) + ", or run the migrations as a superuser"
                        + " (--superuser-migrations); the statement at "
                        + failure.location() + " is not at fault"));
    }
}
