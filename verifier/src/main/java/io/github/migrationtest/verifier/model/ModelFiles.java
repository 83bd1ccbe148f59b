package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.source.script.ScriptText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the files models are made of, with errors that say which file and what to do. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Why a file could not be written, in words. */
    static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * The text of a model file, read as migration scripts are: strict UTF-8, without a byte-order mark
     * (which Windows editors write, and which Postgres and the snapshot parser would take for text).
     *
     * @param name the file as messages name it
     * @param whenMissing the fix when it does not exist
     * @param whenUnreadable the fix when it cannot be read
     * @throws ModelFileException when it is missing or unreadable
     */
    static String read(String name, Path path, String whenMissing, String whenUnreadable) {
        if (Files.notExists(path)) {
            throw ModelFileException.at(name, 0, "does not exist", whenMissing, null);
        }
        ScriptText.Read read = ScriptText.read(path);
        if (read instanceof ScriptText.Text text) {
            return text.text();
        }
        String problem = read instanceof ScriptText.Unreadable unreadable ? unreadable.reason()
                : read instanceof ScriptText.HasNul nul ? "it " + nul.describe() : "it is not UTF-8 text";
        throw ModelFileException.at(name, 0, "cannot be read: " + problem, whenUnreadable, null);
    }
}
