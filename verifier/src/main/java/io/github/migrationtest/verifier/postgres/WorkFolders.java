package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the embedded backend keeps its files: extracted binaries and an initialised cluster on
 * disk (reused across runs), running instances on tmpfs when there is one (disposable, fast).
 */
record WorkFolders(Path binaries, Path clusters, Path instances) {

    private static final Path TMPFS = Path.of("/dev/shm");

    static WorkFolders forThisUser() {
        String owner = "migrationtest-" + userId();
        Path cache = Path.of(System.getProperty("java.io.tmpdir")).resolve(owner);
        Path runtime = Files.isDirectory(TMPFS) && Files.isWritable(TMPFS) ? TMPFS.resolve(owner) : cache;
        return new WorkFolders(cache.resolve("binaries"), cache.resolve("clusters"), runtime.resolve("instances"));
    }

    private static String userId() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }
}
