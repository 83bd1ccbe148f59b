package io.github.migrationtest.verifier.model;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
     * The text of a model file.
     *
     * @param name the file as messages name it
     * @param whenMissing the fix when it does not exist
     * @param whenUnreadable the fix when it cannot be read
     * @throws ModelFileException when it is missing or unreadable
     */
    static String read(String name, Path path, String whenMissing, String whenUnreadable) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ModelFileException.at(name, 0, "does not exist", whenMissing, e);
        } catch (IOException e) {
            throw ModelFileException.at(name, 0, "cannot be read: " + reason(e), whenUnreadable, e);
        }
    }
}
