package io.github.migrationtest.verifier.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which of a revision's files a running statement comes from, found by its text, so it works for
 * any tool that sends a file's statements as written (SQL files, Flyway, a Liquibase {@code <sql>},
 * Alembic's {@code op.execute}). Nothing is said when no file, or more than one, holds the text, or
 * a file cannot be read (a class path location). A file is read only for a statement that runs long.
 */
public final class StatementFiles {

    /** Larger files are not read for the live line: a 50 MB data migration would cost more than it tells. */
    private static final long LARGEST_FILE = 4L << 20;
    private static final int REMEMBERED = 64;

    private final Map<String, Optional<String>> found = new HashMap<>();

    /** The one file among {@code files} (as the revision shows them) whose text holds {@code query}. */
    public synchronized Optional<String> fileOf(String query, List<String> files) {
        String statement = collapsed(query);
        if (statement.isEmpty() || files.isEmpty()) {
            return Optional.empty();
        }
        String key = statement + '\0' + files;
        Optional<String> file = found.get(key);
        if (file == null) {
            if (found.size() >= REMEMBERED) {
                found.clear();
            }
            file = search(statement, files);
            found.put(key, file);
        }
        return file;
    }

    private static Optional<String> search(String statement, List<String> files) {
        List<String> holding = files.stream().filter(file -> read(file).contains(statement)).toList();
        return holding.size() == 1 ? Optional.of(holding.get(0)) : Optional.empty();
    }

    private static String read(String file) {
        try {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path) || Files.size(path) > LARGEST_FILE) {
                return "";
            }
            return collapsed(Files.readString(path));
        } catch (IOException | InvalidPathException | java.io.UncheckedIOException e) {
            return ""; // a file the live line cannot read is simply not named
        }
    }

    private static String collapsed(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
