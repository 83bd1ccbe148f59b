package io.github.migrationtest.verifier.source.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A test's directory of migration files: writes them and names them as messages do. */
record HistoryDir(Path root) {

    /** Writes a file, making its folders. */
    void write(String relative, String content) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How messages name a file of the directory. */
    String shown(String relative) {
        return root + "/" + relative;
    }
}
