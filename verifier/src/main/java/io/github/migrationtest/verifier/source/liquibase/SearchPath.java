package io.github.migrationtest.verifier.source.liquibase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders Liquibase looks a changelog's files up in, as its command line's {@code --search-path}:
 * an {@code include}, {@code includeAll} or {@code loadData} path that is not relative to its changelog
 * is found under the first folder that has it. Without a search path, the folder the changelog is given
 * in, then the {@code src/<set>/resources} folder it lies in (the class path root, as Liquibase's Maven
 * plugin and Spring Boot see it).
 *
 * @param roots the folders, in the order they are searched, as the user wrote them
 * @param changelog the changelog's path as Liquibase names it (relative to a root, {@code /}-separated):
 *     part of every changeset's identity
 */
record SearchPath(List<Path> roots, String changelog) {

    SearchPath {
        roots = List.copyOf(roots);
    }

    /** The search path for a changelog file: the given roots, or the defaults when none are given. */
    static SearchPath of(Path changelogFile, List<Path> given) {
        if (!given.isEmpty()) {
            Path absolute = changelogFile.toAbsolutePath().normalize();
            for (Path root : given) {
                Path base = root.toAbsolutePath().normalize();
                if (absolute.startsWith(base)) {
                    return new SearchPath(given, slashes(base.relativize(absolute)));
                }
            }
            // Not under a root: Liquibase would not find it either; the caller reports it.
            return new SearchPath(given, "");
        }
        Path folder = parentOf(changelogFile);
        List<Path> roots = new ArrayList<>(List.of(folder));
        Optional<Path> resources = resourcesRoot(folder);
        String name = changelogFile.getFileName().toString();
        if (resources.isPresent() && !sameFolder(resources.get(), folder)) {
            roots.add(resources.get());
            // Named as the application names it on its class path, so the identities match its DATABASECHANGELOG.
            name = slashes(resources.get().toAbsolutePath().normalize().relativize(changelogFile.toAbsolutePath().normalize()));
        }
        return new SearchPath(roots, name);
    }

    /** Whether the changelog lies under one of the roots. */
    boolean holdsChangelog() {
        return !changelog.isEmpty();
    }

    /** A path Liquibase names, as the user would find it: under the first root that has it. */
    String display(String liquibasePath) {
        for (Path root : roots) {
            Path candidate = root.resolve(liquibasePath);
            if (Files.exists(candidate)) {
                return candidate.toString();
            }
        }
        return roots.isEmpty() ? liquibasePath : roots.get(0).resolve(liquibasePath).toString();
    }

    /** The nearest enclosing {@code src/<set>/resources} folder (Maven's and Gradle's class path root). */
    static Optional<Path> resourcesRoot(Path folder) {
        for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path set = dir.getParent();
            Path src = set == null ? null : set.getParent();
            if (dir.getFileName() != null && dir.getFileName().toString().equals("resources")
                    && src != null && src.getFileName() != null && src.getFileName().toString().equals("src")) {
                return Optional.of(folder.toAbsolutePath().normalize().equals(dir) ? folder : relativeLike(folder, dir));
            }
        }
        return Optional.empty();
    }

    /** {@code dir} written the way {@code folder} is (relative stays relative), for messages. */
    private static Path relativeLike(Path folder, Path dir) {
        if (folder.isAbsolute()) {
            return dir;
        }
        Path here = Path.of("").toAbsolutePath();
        return dir.startsWith(here) ? here.relativize(dir) : dir;
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent != null ? parent : Path.of("");
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
