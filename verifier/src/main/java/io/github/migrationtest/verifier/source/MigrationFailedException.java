package io.github.migrationtest.verifier.source;

import java.util.Objects;

/** A revision's upgrade or downgrade failed; {@link #failure()} says where and why. */
public final class MigrationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Revision revision;
    private final Direction direction;
    private final MigrationFailure failure;

    public MigrationFailedException(Revision revision, Direction direction, MigrationFailure failure, Throwable cause) {
        super(direction.verb() + " of revision " + revision.label() + " failed at " + failure, cause);
        this.revision = Objects.requireNonNull(revision, "revision");
        this.direction = direction;
        this.failure = failure;
    }

    /** Asked to run a revision the history does not have (a revision of another source). */
    public static MigrationFailedException notInHistory(Revision revision, Direction direction, String file) {
        return new MigrationFailedException(revision, direction,
                MigrationFailure.of(file, "revision " + revision.id() + " is not part of this history"), null);
    }

    /** The same failure, said otherwise (a hint, a fix): thrown in this one's place, its stack and cause kept. */
    public MigrationFailedException withFailure(MigrationFailure said) {
        MigrationFailedException replaced = new MigrationFailedException(revision, direction, said, getCause());
        replaced.setStackTrace(getStackTrace());
        return replaced;
    }

    public Revision revision() {
        return revision;
    }

    public Direction direction() {
        return direction;
    }

    public MigrationFailure failure() {
        return failure;
    }
}
