package io.github.migrationtest.verifier;

/** The verification could not run to its end (the database went away, a snapshot failed). */
public final class VerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
