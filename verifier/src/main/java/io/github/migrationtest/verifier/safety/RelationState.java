package io.github.migrationtest.verifier.safety;

import java.util.EnumSet;
import java.util.Set;

/**
 * What one read showed of a relation that existed when the step started.
 *
 * @param exists whether it still exists
 * @param fileNode its relfilenode: a new one means it was rewritten (or truncated)
 * @param locks the lock modes this session holds on it
 * @param scans sequential scans counted in this session since the last flush of statistics
 * @param validConstraints how many CHECK and FOREIGN KEY constraints on it are validated; {@link #UNKNOWN}
 *     when not read yet
 * @param notNullColumns its NOT NULL columns' numbers, comma-separated; {@code null} when not read yet
 * @param isPartition whether it is a partition
 * @param indexes how many indexes it has
 */
record RelationState(boolean exists, long fileNode, Set<LockMode> locks, long scans, int validConstraints,
                     String notNullColumns, boolean isPartition, int indexes) {

    static final int UNKNOWN = -1;
    static final RelationState GONE = new RelationState(false, 0, EnumSet.noneOf(LockMode.class), 0, 0, "", false, 0);

    /** The same, with no lock held. */
    RelationState unlocked() {
        return locks.isEmpty() ? this : new RelationState(exists, fileNode, EnumSet.noneOf(LockMode.class), scans,
                validConstraints, notNullColumns, isPartition, indexes);
    }

    RelationState withIndexes(int value) {
        return new RelationState(exists, fileNode, locks, scans, validConstraints, notNullColumns, isPartition, value);
    }

    /** The strongest mode held, if any. */
    LockMode strongest() {
        return locks.stream().max(Enum::compareTo).orElse(LockMode.ACCESS_SHARE);
    }
}
