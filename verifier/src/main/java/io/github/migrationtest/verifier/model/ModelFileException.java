package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.source.MigrationFailure;

/**
 * A model's file could not be used: it is missing, unreadable, not a snapshot, or one of its
 * statements failed. Says where ({@code file:line:column}), what and the fix, separately, so that
 * reports can show them as they show a failing migration statement.
 */
public final class ModelFileException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final transient MigrationFailure failure;
    private final String fix;

    public ModelFileException(MigrationFailure failure, String fix, Throwable cause) {
        super(failure + ". Fix: " + fix, cause);
        this.failure = failure;
        this.fix = fix;
    }

    /** A problem with the whole file, or at a line (0: the whole file) of it. */
    public static ModelFileException at(String file, int line, String problem, String fix, Throwable cause) {
        return new ModelFileException(new MigrationFailure(file, line, 0, problem, "", "", "", ""), fix, cause);
    }

    /** Where and what: the file (as the user names it), line and column when known, and the message. */
    public MigrationFailure failure() {
        return failure;
    }

    /** What the user can do about it. */
    public String fix() {
        return fix;
    }
}
