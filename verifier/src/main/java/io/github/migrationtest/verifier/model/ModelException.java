package io.github.migrationtest.verifier.model;

/** A model could not be read or built; the message names the file or class and the fix. */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
