package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Predicate;

/**
 * A folder in a cache that concurrent JVMs share: built once, in a scratch folder beside it,
 * under a file lock, and moved into place whole, so nobody ever sees a half-built one.
 */
final class SharedCache {

    /** Builds the entry's content inside {@code scratch} and returns the folder to move into place. */
    interface Builder {
        Path build(Path scratch) throws IOException;
    }

    private static final Object BUILDING = new Object();

    private SharedCache() {
    }

    static Path ensure(Path target, Predicate<Path> ready, Builder builder) throws IOException {
        if (ready.test(target)) {
            return target;
        }
        Path root = target.getParent();
        Files.createDirectories(root);
        // A file lock keeps other JVMs out, not other threads: a second lock on the file from this JVM
        // throws, and closing its channel would release the first.
        synchronized (BUILDING) {
            try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (ready.test(target)) {
                    return target; // another JVM or thread built it while we waited for the lock
                }
                Path scratch = Files.createTempDirectory(root, "building-");
                try {
                    // Readable by all: the server may run as another uid.
                    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Path built = builder.build(scratch);
                    DeletableTree.delete(target);
                    Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    DeletableTree.delete(scratch);
                }
            }
        }
        return target;
    }
}
