package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code CREATE EXTENSION} of an extension the run's server does not have installed (PostGIS, pgvector, TimescaleDB
 * on the embedded Postgres, which brings only those that come with Postgres). The statement is not at fault and the
 * history is not broken: the hint names the ways to verify on a Postgres that has the extension.
 */
final class MissingExtension {

    /** Postgres 15 and later, and 14 and earlier ({@code could not open extension control file ".../x.control"}). */
    private static final Pattern NOT_AVAILABLE = Pattern.compile(
            "extension \"([^\"]+)\" is not available|could not open extension control file \"[^\"]*/([^/\"]+)\\.control\"");

    private MissingExtension() {
    }

    /** An image that has the extension, for the common ones; PostGIS's as the example otherwise. */
    private static String image(String extension) {
        if (extension.equals("vector")) {
            return "pgvector/pgvector:pg17";
        }
        if (extension.equals("timescaledb")) {
            return "timescale/timescaledb:latest-pg17";
        }
        return "postgis/postgis:17-3.5" + (extension.startsWith("postgis") ? "" : " for PostGIS");
    }

    /** The failure with the hint and fix, when it is an extension missing from the server; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        Matcher matcher = NOT_AVAILABLE.matcher(failure.message());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return Optional.of(failure.withHint("The Postgres this run uses does not have extension " + name + " installed"
                        + " (the embedded Postgres brings only the extensions that come with Postgres, such as pg_trgm,"
                        + " hstore or citext). Verify on a Postgres that has it: one installed on this machine with it"
                        + " (-Dmigrationtest.embedded.binaries=/usr/lib/postgresql/<major> with --postgres <major>), an"
                        + " image that has it (--backend testcontainers with MIGRATIONTEST_POSTGRES_IMAGE, e.g. "
                        + image(name) + "), or a server of yours (--backend server --postgres-url)")
                .withFix("Verify on a Postgres that has extension " + name + " installed (see the hint); the statement at "
                        + failure.location() + " is not at fault"));
    }
}
