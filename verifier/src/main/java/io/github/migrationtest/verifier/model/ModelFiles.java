package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/** Reading the files models are made of, with errors that say which file and what to do. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Why a file could not be read or written, in words: Java's exception names mean little to users. */
    static String reason(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /**
     * A SQL file, split into statements that keep the file's line numbers.
     *
     * @param fix what to do when the file does not exist
     * @throws ModelFileException when it is missing or unreadable
     */
    static SqlScript sqlScript(ModelFile file, String fix) {
        try {
            return SqlScript.parse(file.name(), Files.readString(file.path(), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw ModelFileException.at(file.name(), 0, "does not exist", fix, e);
        } catch (IOException e) {
            throw ModelFileException.at(file.name(), 0, "cannot be read: " + reason(e),
                    "Make it a readable UTF-8 SQL file", e);
        }
    }
}
