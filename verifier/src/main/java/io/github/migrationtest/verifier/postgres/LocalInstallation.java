package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Postgres installed on this machine (a folder with {@code bin/postgres} and {@code bin/initdb},
 * such as Debian's {@code /usr/lib/postgresql/15}), run by the embedded backend in place of zonky's
 * binaries: it brings the extensions the system has installed (PostGIS, pgvector, ...) and a
 * {@code pg_dump} of the same version.
 */
record LocalInstallation(Path folder, String version) {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+(?:\\.\\d+)*)");

    /** The installation in the folder, if it holds one. */
    static Optional<LocalInstallation> in(Path folder) throws BackendUnavailableException {
        Path postgres = folder.resolve("bin/postgres");
        if (!Files.isExecutable(postgres) || !Files.isExecutable(folder.resolve("bin/initdb"))) {
            return Optional.empty();
        }
        String output;
        try {
            output = Commands.runChecked(List.of(postgres.toString(), "--version"), null, VERSION_TIMEOUT).trim();
        } catch (IOException e) {
            throw new BackendUnavailableException("could not run " + postgres + " --version: " + e.getMessage(), e);
        }
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new BackendUnavailableException(postgres + " --version printed '" + output
                    + "', which names no Postgres version");
        }
        return Optional.of(new LocalInstallation(folder.toAbsolutePath().normalize(), matcher.group(1)));
    }

    int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    /** Refuses an installation of another major than the one asked for, naming both and the fix. */
    LocalInstallation requireMajor(int asked) throws BackendUnavailableException {
        if (major() != asked) {
            throw new BackendUnavailableException(String.format(
                    "%s (named by %s) holds Postgres %s, but Postgres %d was asked for. Fix: ask for %d"
                            + " (--postgres %d, or %s=%d), or name a folder of Postgres %d",
                    folder, PostgresSettings.EMBEDDED_BINARIES, version, asked, major(), major(),
                    PostgresSettings.VERSION, major(), asked));
        }
        return this;
    }

    /**
     * A name for this installation's pristine data folder, distinct from any other installation's
     * and from this one's after a package upgrade.
     */
    String cacheKey() {
        return "local" + folder.toString().replaceAll("[^A-Za-z0-9.]+", "_") + "-" + version;
    }
}
