package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A folder in a cache that concurrent JVMs share: built once, in a scratch folder beside it,
 * under a file lock, and moved into place whole, so nobody ever sees a half-built one. Each use
 * stamps the entry's modification time, so entries no run has used for a while can be pruned.
 */
final class SharedCache {

    /** Builds the entry's content inside {@code scratch} and returns the folder to move into place. */
    interface Builder {
        Path build(Path scratch) throws IOException;
    }

    /** Names in the cache folder that are not entries: the lock, scratch folders being built. */
    private static final String LOCK = ".lock";
    private static final String SCRATCH_PREFIX = "building-";
    private static final Object BUILDING = new Object();

    private SharedCache() {
    }

    static Path ensure(Path target, Predicate<Path> ready, Builder builder) throws IOException {
        Path root = target.getParent();
        Files.createDirectories(root);
        // The lock is taken even for a ready entry: its use is stamped under it, so a pruning JVM
        // never deletes an entry between our check and our stamp.
        // A file lock keeps other JVMs out, not other threads: a second lock on the file from this JVM
        // throws, and closing its channel would release the first.
        synchronized (BUILDING) {
            try (FileChannel lockFile = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!ready.test(target)) {
                    build(target, builder);
                }
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            }
        }
        return target;
    }

    private static void build(Path target, Builder builder) throws IOException {
        Path scratch = Files.createTempDirectory(target.getParent(), SCRATCH_PREFIX);
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

    /**
     * Deletes the entries of the cache folder that no run has used for {@code unusedFor} and that
     * {@code inUse} does not claim (a server still running from them); returns those deleted.
     */
    static List<Path> prune(Path root, Duration unusedFor, Predicate<Path> inUse) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Instant cutoff = Instant.now().minus(unusedFor);
        List<Path> deleted = new ArrayList<>();
        synchronized (BUILDING) {
            try (FileChannel lockFile = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock();
                 Stream<Path> children = Files.list(root)) {
                for (Path entry : children.filter(Files::isDirectory).toList()) {
                    String name = entry.getFileName().toString();
                    // A build holds the lock we hold now: a scratch folder seen here is what a run
                    // killed while building left behind, whatever its age.
                    boolean abandonedScratch = name.startsWith(SCRATCH_PREFIX);
                    if (!abandonedScratch && (name.startsWith(".")
                            || Files.getLastModifiedTime(entry).toInstant().isAfter(cutoff) || inUse.test(entry))) {
                        continue;
                    }
                    DeletableTree.delete(entry);
                    deleted.add(entry);
                }
            }
        }
        return deleted;
    }
}
