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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A freshly initialised data directory per Postgres version, made once with initdb and copied for
 * every server start: a copy takes tens of milliseconds where initdb takes a second or more.
 *
 * <p>Its servers accept only the verifier: every login needs a password (scram-sha-256, also on the
 * socket), and the superuser's, random per cluster, is in a file only the cache's owner can read.
 * With {@code trust}, any local user could connect as superuser while a run's server was up.
 *
 * <p>Where the server lets initdb choose (16 and later), its password verifiers take one SCRAM iteration
 * instead of 4096: the client computes them on every login, about 9 ms of the JVM's time each here, and a run
 * makes a dozen connections. The iterations slow down guessing a weak password from a stolen verifier or
 * a recorded login; this password is random (144 bits), lives in a private folder, and the server listens
 * on loopback only, so they protect nothing here.
 */
final class PristineCluster {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
    /** The superuser's password, in the data directory (private to its owner), so each copy carries it. */
    static final String PASSWORD_FILE = "migrationtest.password";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The first major whose initdb takes settings ({@code -c}) and whose server has {@code scram_iterations}. */
    private static final int CHOOSES_ITERATIONS = 16;

    private PristineCluster() {
    }

    /**
     * @param key names these binaries among all that share the cache (a version, or a local
     *     installation's path)
     * @param major the binaries' major version
     */
    static Path ensure(Path binaries, String key, int major, Path clusters, RootStrategy strategy) throws IOException {
        boolean oneIteration = major >= CHOOSES_ITERATIONS;
        // "-scram": clusters of versions that let anyone in (trust) are never used again, and pruned; "-scram1"
        // likewise replaces the clusters made with 4096 iterations.
        return SharedCache.ensure(clusters.resolve(key + "-scram" + (oneIteration ? "1" : "") + strategy.clusterSuffix()
                        + "-data"),
                target -> Files.isRegularFile(target.resolve("PG_VERSION")) && Files.isRegularFile(target.resolve(PASSWORD_FILE)),
                scratch -> {
                    Path passwordFile = scratch.resolve("password");
                    Files.writeString(passwordFile, HexFormat.of().formatHex(randomBytes()) + "\n");
                    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
                    strategy.handOver(scratch);
                    strategy.handOver(passwordFile);
                    List<String> command = new ArrayList<>(strategy.prefix());
                    command.addAll(List.of(binaries.resolve("bin/initdb").toString(),
                            "-D", scratch.resolve("data").toString(), "-U", EmbeddedPostgres.SUPERUSER,
                            "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-locale", "--no-sync"));
                    if (oneIteration) {
                        // For the superuser's password set here, and (kept in postgresql.conf) for roles made later.
                        command.addAll(List.of("-c", "scram_iterations=1"));
                    }
                    Commands.runChecked(command, scratch, INITDB_TIMEOUT);
                    Files.move(passwordFile, scratch.resolve("data").resolve(PASSWORD_FILE));
                    return scratch.resolve("data");
                });
    }

    /** The superuser's password of a cluster made by {@link #ensure}, or of a copy of one. */
    static String password(Path data) throws IOException {
        return Files.readString(data.resolve(PASSWORD_FILE)).strip();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Copies a data directory, owners included (the server's uid when it is not ours); Postgres
     * insists that it is private to its owner.
     */
    static void copy(Path pristine, Path data) throws IOException {
        Files.walkFileTree(pristine, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = data.resolve(pristine.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
                copyOwner(dir, copy);
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

    /** Files copied with their attributes keep their owner; folders we create must be given it. */
    private static void copyOwner(Path source, Path target) throws IOException {
        for (String attribute : new String[] {"unix:gid", "unix:uid"}) {
            Object owner = Files.getAttribute(source, attribute, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(Files.getAttribute(target, attribute, LinkOption.NOFOLLOW_LINKS))) {
                Files.setAttribute(target, attribute, owner, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
