package io.github.migrationtest.verifier.postgres;

/** One backend cannot provide Postgres here; the message says why, for the list of all tried. */
final class BackendUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    BackendUnavailableException(String reason) {
        super(reason);
    }

    BackendUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
