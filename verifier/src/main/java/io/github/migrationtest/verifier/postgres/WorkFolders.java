package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the embedded backend keeps its files: extracted binaries and an initialised cluster on
 * disk (reused across runs), running instances on tmpfs when there is one (disposable, fast).
 */
record WorkFolders(Path binaries, Path clusters, Path instances) {

    private static final Path TMPFS = Path.of("/dev/shm");
    /** Cached binaries and clusters no run has used for this long are deleted (about 100 MB a version). */
    static final Duration UNUSED_FOR = Duration.ofDays(14);

    static WorkFolders forThisUser() {
        return under(temporaryFolder(Optional.ofNullable(System.getenv("TMPDIR")), System.getProperty("java.io.tmpdir")),
                Files.isDirectory(TMPFS) && Files.isWritable(TMPFS) ? Optional.of(TMPFS) : Optional.empty());
    }

    /** The cache under {@code temporary}, running instances on {@code tmpfs} when there is one. */
    static WorkFolders under(Path temporary, Optional<Path> tmpfs) {
        String owner = "migrationtest-" + userId();
        Path cache = temporary.resolve(owner);
        Path runtime = tmpfs.map(folder -> folder.resolve(owner)).orElse(cache);
        return new WorkFolders(cache.resolve("binaries"), cache.resolve("clusters"), runtime.resolve("instances"));
    }

    /** TMPDIR, as other Unix tools take it (Java itself does not read it), else Java's temporary folder. */
    static Path temporaryFolder(Optional<String> tmpdir, String javaTmpdir) {
        return Path.of(tmpdir.filter(value -> !value.isBlank()).orElse(javaTmpdir));
    }

    /**
     * Deletes cached binaries and clusters no run has used for {@link #UNUSED_FOR}, never binaries
     * a live process runs from (a server kept after its JVM ended); returns what was deleted.
     */
    List<Path> pruneUnused() throws IOException {
        List<Path> deleted = new ArrayList<>(SharedCache.prune(binaries, UNUSED_FOR, WorkFolders::runsProcess));
        deleted.addAll(SharedCache.prune(clusters, UNUSED_FOR, entry -> false)); // copied at start, never run from
        // Not reported: a few bytes of a killed run's initdb or pg_ctl output, not a cache entry.
        Commands.deleteAbandonedOutputs(Path.of(System.getProperty("java.io.tmpdir")), Commands.ABANDONED_AFTER);
        return deleted;
    }

    /** Whether a live process runs an executable from below the folder (as far as this user may see). */
    static boolean runsProcess(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().anyMatch(process -> process.info().command()
                .map(command -> Path.of(command).startsWith(absolute)).orElse(false));
    }

    private static String userId() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }
}
