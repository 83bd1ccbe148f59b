package io.github.migrationtest.verifier.safety;

import java.util.Optional;

/** Postgres's table lock modes, weakest first, with what each keeps other sessions from doing. */
enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    /** The mode as {@code pg_locks.mode} spells it. */
    static Optional<LockMode> of(String pgName) {
        for (LockMode mode : values()) {
            if (mode.pgName.equals(pgName)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /** SHARE and stronger conflict with ROW EXCLUSIVE: INSERT, UPDATE and DELETE wait. */
    boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Only ACCESS EXCLUSIVE conflicts with ACCESS SHARE: even SELECT waits. */
    boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** "ACCESS EXCLUSIVE (blocks reads and writes)". */
    String describe() {
        return name().replace('_', ' ') + (blocksReads() ? " (blocks reads and writes)"
                : blocksWrites() ? " (blocks writes)" : "");
    }
}
