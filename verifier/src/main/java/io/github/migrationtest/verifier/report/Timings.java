package io.github.migrationtest.verifier.report;

import java.time.Duration;

/**
 * Where one revision's time went: its own SQL (up, down, up again), our snapshots, and measuring its
 * statements' safety (taken out of the steps' times, which it ran inside).
 */
public record Timings(Duration upgrade, Duration downgrade, Duration reupgrade, Duration snapshots, Duration safety) {

    public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Timings without safety measurement. */
    public Timings(Duration upgrade, Duration downgrade, Duration reupgrade, Duration snapshots) {
        this(upgrade, downgrade, reupgrade, snapshots, Duration.ZERO);
    }

    /** The time spent in the migration's own SQL. */
    public Duration migrations() {
        return upgrade.plus(downgrade).plus(reupgrade);
    }

    public Duration total() {
        return migrations().plus(snapshots).plus(safety);
    }
}
