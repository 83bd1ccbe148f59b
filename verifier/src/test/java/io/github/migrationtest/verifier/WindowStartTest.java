package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.safety.SafetyRecorder;
import io.github.migrationtest.verifier.safety.StepRecord;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolled-back round trip leaves the database as it was when its downgrade started, so the next revision's upgrade
 * starts in that state and measuring reuses what the downgrade's start read (Postgres 15 and later, where the session
 * is flushed between steps). The findings are those of a step that reads its own start: a start from an earlier
 * state would give other ones (the index count before {@code 0002} makes {@code 0003}'s rebuild a new index).
 */
class WindowStartTest {

    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared(PostgresSettings.fromEnvironment()
            .withBackend(Backend.EMBEDDED));

    @Test
    void the_upgrade_after_a_rolled_back_round_trip_reuses_its_downgrades_start_and_finds_the_same() throws Exception {
        List<String> reusing = walk(history("reusing"), true);
        List<String> reading = walk(history("reading"), false);

        boolean flushed = server.majorVersion() >= 15;
        assertThat(reusing).filteredOn(step -> step.endsWith("reused")).extracting(step -> step.substring(0, 7))
                .containsExactlyElementsOf(flushed ? List.of("0002 UP", "0003 UP") : List.of());
        assertThat(reading).noneMatch(step -> step.endsWith("reused"));
        assertThat(reusing.stream().map(WindowStartTest::findings).toList())
                .isEqualTo(reading.stream().map(WindowStartTest::findings).toList())
                .contains("0003 UP: [LOCK_WITHOUT_TIMEOUT public.e, TABLE_REWRITE public.e]",
                        "0002 UP: [INDEX_WITHOUT_CONCURRENTLY public.e, LOCK_WITHOUT_TIMEOUT public.e]");
    }

    @Test
    void a_start_kept_on_a_connection_goes_with_it_when_a_checkpoint_replaces_it() throws Exception {
        MigrationSource source = history("replaced");
        SafetyRecorder safety = new SafetyRecorder();
        assertThat(source.reportStatementsTo(safety)).isTrue();
        try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object(),
                safety)) {
            Revision first = source.revisions().get(0);
            work.observedUpgrade(first);
            assertThat(work.canRollBack(first)).isTrue();
            work.rolledBack(first, () -> {
                work.observedDowngrade(first);
                work.upgrade(first);
            });
            assertThat(safety.startsKept()).isEqualTo(server.majorVersion() >= 15 ? 1 : 0);

            work.checkpointIfDue(0, 1); // a clone is taken with nobody connected: the steps' connection is closed

            assertThat(safety.startsKept()).isZero();
            work.observedUpgrade(source.revisions().get(1));
            assertThat(work.lastObserved().startReused()).isFalse();
        }
    }

    /**
     * Each revision's upgrade measured, then its downgrade measured and the upgrade again in a rolled-back round trip,
     * as the walk does; with {@code downgradeFirst} false the round trip's first step is an upgrade again, not
     * measured, and nothing of it may be reused. Each measured step as "id direction: findings", "reused" where its
     * start was.
     */
    private List<String> walk(MigrationSource source, boolean downgradeFirst) throws Exception {
        List<String> steps = new ArrayList<>();
        SafetyRecorder safety = new SafetyRecorder();
        assertThat(source.reportStatementsTo(safety)).isTrue();
        try (WorkingDatabase work = new WorkingDatabase(server, source, SnapshotOptions.defaults(), new Object(),
                safety)) {
            for (Revision revision : source.revisions()) {
                work.observedUpgrade(revision);
                steps.add(described(revision, work.lastObserved()));
                assertThat(work.canRollBack(revision)).isTrue();
                work.rolledBack(revision, () -> {
                    if (!downgradeFirst) {
                        work.downgrade(revision);
                        work.upgrade(revision);
                    }
                    work.observedDowngrade(revision);
                    steps.add(described(revision, work.lastObserved()));
                    work.upgrade(revision);
                });
                assertThat(work.startsAsAtWindowStart()).as("after " + revision.id()).isEqualTo(downgradeFirst);
            }
        }
        return steps;
    }

    private MigrationSource history(String name) throws IOException {
        Path history = Files.createDirectory(dir.resolve(name));
        write(history, "0001_e", "CREATE TABLE e (id int, v int);", "DROP TABLE e;");
        write(history, "0002_index", "CREATE INDEX e_v ON e (v);", "DROP INDEX e_v;");
        write(history, "0003_type", "ALTER TABLE e ALTER COLUMN v TYPE bigint;", "ALTER TABLE e ALTER COLUMN v TYPE int;");
        return MigrationSources.open(history, SourceOptions.defaults());
    }

    private static String described(Revision revision, StepRecord step) {
        return revision.id() + " " + step.direction() + ": " + step.findings().stream()
                .map(f -> f.finding() + " " + f.object()).sorted().toList() + (step.startReused() ? " reused" : "");
    }

    private static String findings(String step) {
        return step.replace(" reused", "");
    }

    private static void write(Path history, String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }
}
