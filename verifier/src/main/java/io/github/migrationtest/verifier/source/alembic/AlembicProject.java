package io.github.migrationtest.verifier.source.alembic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where an Alembic project is: its {@code alembic.ini}, and the project's root, the folder the user
 * named, which the application's packages are imported from (as when the team runs Alembic there).
 *
 * @param ini the configuration file
 * @param root the folder the user named; the ini's folder when the ini itself was named
 * @param runFrom the folder Alembic is taken to be run from, which a relative {@code script_location} is
 *     resolved against as Alembic does: the folder the user named, or the working directory when the
 *     user named the ini itself (as {@code alembic -c path/alembic.ini} is run there)
 */
record AlembicProject(Path ini, Path root, Path runFrom) {

    static final String INI = "alembic.ini";
    /** How deep below the named folder {@code alembic.ini} is looked for: a package's migration folder is a few levels down. */
    private static final int DEPTH = 4;
    private static final Set<String> NOT_SEARCHED = Set.of("node_modules", "venv", "site-packages", "__pycache__", "build", "dist", "target");

    /** The project at a location, when there is exactly one {@code alembic.ini} there. */
    static Optional<AlembicProject> find(Path location) {
        List<Path> found = candidates(location);
        return found.size() == 1 ? Optional.of(of(location, found.get(0))) : Optional.empty();
    }

    /**
     * The project at a location.
     *
     * @throws IllegalArgumentException naming the location and the fix when there is no {@code alembic.ini}, or several
     */
    static AlembicProject at(Path location) {
        List<Path> found = candidates(location);
        if (found.isEmpty()) {
            throw new IllegalArgumentException(location + ": no alembic.ini here or in the folders below (up to " + DEPTH
                    + " levels): name the Alembic project's folder or its .ini file");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(location + ": several Alembic configurations: " + found
                    + "; name the one to verify (its .ini file)");
        }
        return of(location, found.get(0));
    }

    private static AlembicProject of(Path location, Path ini) {
        Path absolute = location.toAbsolutePath().normalize();
        boolean folder = Files.isDirectory(absolute);
        Path root = folder ? absolute : ini.toAbsolutePath().normalize().getParent();
        Path runFrom = folder ? absolute : Path.of("").toAbsolutePath().normalize();
        return new AlembicProject(ini.toAbsolutePath().normalize(), root, runFrom);
    }

    /**
     * The folders a relative {@code script_location} is looked for from, in order: {@link #runFrom()} (Alembic's
     * own rule), then the folders on the way down to the ini's folder, which the user may have named a parent
     * of, ending with the ini's folder itself (where {@code alembic} finds its default {@code alembic.ini}).
     */
    List<Path> runFolders() {
        Path iniFolder = ini.getParent();
        List<Path> folders = new ArrayList<>();
        folders.add(runFrom);
        if (iniFolder.startsWith(runFrom)) {
            Path folder = runFrom;
            for (Path part : runFrom.relativize(iniFolder)) {
                if (!part.toString().isEmpty()) {
                    folder = folder.resolve(part);
                    folders.add(folder);
                }
            }
        } else {
            folders.add(iniFolder);
        }
        return folders.stream().distinct().toList();
    }

    private static List<Path> candidates(Path location) {
        if (Files.isRegularFile(location)) {
            return location.getFileName().toString().endsWith(".ini") ? List.of(location) : List.of();
        }
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        Path direct = location.resolve(INI);
        if (Files.isRegularFile(direct)) {
            return List.of(direct);
        }
        try (Stream<Path> files = Files.walk(location, DEPTH)) {
            return files.filter(p -> p.getFileName().toString().equals(INI))
                    .filter(p -> location.relativize(p).toString().split("[/\\\\]").length <= DEPTH)
                    .filter(p -> searched(location.relativize(p)))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean searched(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || NOT_SEARCHED.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** A file as the user finds it: relative to the project's root when it is inside it. */
    String display(String file) {
        return relativeTo(root, file);
    }

    /** A file relative to {@code folder} when it is inside it, else absolute; empty for none. */
    static String relativeTo(Path folder, String file) {
        if (file == null || file.isEmpty()) {
            return "";
        }
        Path path = Path.of(file).toAbsolutePath().normalize();
        return path.startsWith(folder) ? folder.relativize(path).toString() : path.toString();
    }
}
