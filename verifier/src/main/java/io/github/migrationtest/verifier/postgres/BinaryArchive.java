package io.github.migrationtest.verifier.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One zonky binaries archive ({@code postgres-linux-x86_64.txz}) and its extraction into a cache
 * folder that concurrent JVMs share safely: extract beside, then rename into place under a lock.
 */
record BinaryArchive(URL archive, Optional<String> declaredVersion, String origin) {

    static final String RESOURCE = "postgres-linux-x86_64.txz";

    /** The major version, if the archive's jar name tells it. */
    Optional<Integer> declaredMajor() {
        return declaredVersion.map(v -> Integer.parseInt(v.substring(0, v.indexOf('.'))));
    }

    /** Extracts the archive below {@code cacheRoot} once; later calls return the cached folder. */
    Path extractInto(Path cacheRoot) throws IOException {
        String key = declaredVersion.isPresent() ? declaredVersion.get() : "sha-" + contentHash();
        return SharedCache.ensure(cacheRoot.resolve("postgres-" + key),
                target -> Files.isExecutable(target.resolve("bin/postgres")),
                scratch -> {
                    untar(scratch);
                    return scratch;
                });
    }

    private String contentHash() throws IOException {
        try (InputStream in = archive.openStream()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void untar(Path into) throws IOException {
        try (InputStream raw = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        // Everyone may read and, where the archive says so, execute: the server may run as another uid.
        boolean executable = (mode & 0111) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }
}
