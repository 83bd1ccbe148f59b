package io.github.migrationtest.verifier.postgres;

/** No backend could provide Postgres; the message lists every backend tried and why each failed. */
public final class PostgresUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PostgresUnavailableException(String message) {
        super(message);
    }

    PostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
