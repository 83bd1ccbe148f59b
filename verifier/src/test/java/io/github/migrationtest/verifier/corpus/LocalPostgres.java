package io.github.migrationtest.verifier.corpus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's {@code postgresql-15} (server and a {@code pg_dump} of the same version), run by the
 * embedded backend as a local installation, so a test can check a verdict with {@code pg_dump}.
 * CI installs the package; elsewhere the test is skipped and says why.
 */
final class LocalPostgres {

    /** A folder holding a Postgres installation; Debian's by default. */
    static final String PROPERTY = "migrationtest.corpus.postgres";
    static final int MAJOR = 15;

    private LocalPostgres() {}

    static Path installation() {
        Path folder = Path.of(System.getProperty(PROPERTY, "/usr/lib/postgresql/" + MAJOR));
        assumeTrue(Files.isExecutable(folder.resolve("bin/pg_dump")) && Files.isExecutable(folder.resolve("bin/postgres")),
                () -> "no Postgres " + MAJOR + " installation with pg_dump at " + folder
                        + " (apt-get install postgresql-" + MAJOR + ", as .ci/run does; or set -D" + PROPERTY + ")");
        return folder;
    }

    /** A server of the installation's own, stopped by {@link PostgresServer#close()}. */
    static PostgresServer start() {
        return PostgresServer.start(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED)
                .withMajorVersion(MAJOR)
                .withEmbeddedBinaries(installation()));
    }

    static Path pgDump() {
        return installation().resolve("bin/pg_dump");
    }
}
