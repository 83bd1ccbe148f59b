package io.github.migrationtest.verifier.source.alembic;

/** Alembic cannot be run at all: no interpreter, no Alembic or driver in it, a helper that died. */
public final class AlembicException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    AlembicException(String message) {
        super(message);
    }

    AlembicException(String message, Throwable cause) {
        super(message, cause);
    }
}
