package io.github.migrationtest.verifier.postgres;

/** One backend cannot provide Postgres here; the message says why, for the list of all tried. */
final class BackendUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    /** True when the backend was not even tried (no Docker, not on the class path): no fallback to speak of. */
    private final boolean absent;

    BackendUnavailableException(String reason) {
        this(reason, false);
    }

    private BackendUnavailableException(String reason, boolean absent) {
        super(reason);
        this.absent = absent;
    }

    BackendUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
        this.absent = false;
    }

    /** The backend is not there to try on this machine, as opposed to tried and failed. */
    static BackendUnavailableException absent(String reason) {
        return new BackendUnavailableException(reason, true);
    }

    boolean isAbsent() {
        return absent;
    }
}
