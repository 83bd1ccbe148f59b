package io.github.migrationtest.verifier.report;

import java.time.Duration;

/** Where one revision's time went: its own SQL (up, down, up again) and our snapshots. */
public record Timings(Duration upgrade, Duration downgrade, Duration reupgrade, Duration snapshots) {

    public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** The time spent in the migration's own SQL. */
    public Duration migrations() {
        return upgrade.plus(downgrade).plus(reupgrade);
    }

    public Duration total() {
        return migrations().plus(snapshots);
    }
}
