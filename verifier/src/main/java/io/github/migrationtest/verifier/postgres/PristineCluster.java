package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A freshly initialised data directory per Postgres version, made once with initdb and copied for
 * every server start: a copy takes tens of milliseconds where initdb takes a second or more.
 */
final class PristineCluster {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);

    private PristineCluster() {
    }

    /**
     * @param key names these binaries among all that share the cache (a version, or a local
     *     installation's path)
     */
    static Path ensure(Path binaries, String key, Path clusters, RootStrategy strategy) throws IOException {
        return SharedCache.ensure(clusters.resolve(key + "-data"),
                target -> Files.isRegularFile(target.resolve("PG_VERSION")),
                scratch -> {
                    strategy.handOver(scratch);
                    List<String> command = new ArrayList<>(strategy.prefix());
                    command.addAll(List.of(binaries.resolve("bin/initdb").toString(),
                            "-D", scratch.resolve("data").toString(),
                            "-U", EmbeddedPostgres.SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"));
                    Commands.runChecked(command, scratch, INITDB_TIMEOUT);
                    return scratch.resolve("data");
                });
    }

    /** Copies a data directory; Postgres insists that it is private to its owner. */
    static void copy(Path pristine, Path data) throws IOException {
        Files.walkFileTree(pristine, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = data.resolve(pristine.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, data.resolve(pristine.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
