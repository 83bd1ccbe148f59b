package io.github.migrationtest.verifier.snapshot;

import java.util.Set;

/**
 * The names of what the protected-schemas guard puts in a database it verifies in: a schema of its
 * own, two event triggers and a trigger per event on each protected table. Like the DDL recorder's,
 * no snapshot shows them, so a protected database compares equal with and without the guard.
 */
public final class GuardObjects {

    /** The guard's schema: its log, settings and trigger functions. */
    public static final String SCHEMA = "migrationtest_protect";
    /** Its event triggers. */
    public static final Set<String> EVENT_TRIGGERS = Set.of("migrationtest_protect_ddl", "migrationtest_protect_drop");
    /** What the names of its triggers on protected tables start with. */
    public static final String TRIGGER_PREFIX = "migrationtest_protect_";

    private GuardObjects() {
    }
}
