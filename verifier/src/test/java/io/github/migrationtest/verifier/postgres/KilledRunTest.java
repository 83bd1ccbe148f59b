package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run killed with SIGKILL leaves a server and its folder; the next run reclaims them, and only them.
 * A run ended with SIGTERM cleans up after itself.
 */
class KilledRunTest {

    @Test
    void the_next_run_reclaims_a_killed_runs_server_but_not_a_live_runs_which_cleans_up_when_terminated() throws Exception {
        Process killed = startHolder();
        Process live = startHolder();
        try {
            Path killedFolder = folderOf(killed);
            Path liveFolder = folderOf(live);
            long orphan = Processes.postmasterPid(killedFolder.resolve("data"));
            long liveServer = Processes.postmasterPid(liveFolder.resolve("data"));

            killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);
            assertThat(killedFolder).exists();

            try (PostgresServer next = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
                assertThat(next.createDatabase()).isNotNull();
                assertThat(next.notices()).as("what the command line prints").contains("Reclaimed an embedded Postgres"
                        + " left running by a run that ended without cleaning up (killed?): stopped it and deleted " + killedFolder);
            }

            assertThat(killedFolder).doesNotExist();
            assertThat(Processes.exited(orphan)).as("postmaster %d exited", orphan).isTrue();
            assertThat(liveFolder).exists();
            assertThat(ProcessHandle.of(liveServer).map(ProcessHandle::isAlive)).contains(true);

            live.destroy(); // SIGTERM: its shutdown hook stops its server and deletes its folder
            assertThat(live.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(liveFolder).doesNotExist();
            assertThat(Processes.exited(liveServer)).as("postmaster %d exited", liveServer).isTrue();
        } finally {
            killed.destroyForcibly();
            live.destroy();
            live.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_second_server_started_in_the_same_jvm_leaves_the_first_ones_lock_held() throws Exception {
        PostgresSettings embedded = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED);
        try (PostgresServer first = PostgresServer.start(embedded)) {
            Path lock = ((EmbeddedPostgres) first.running()).instanceFolder().resolve(StaleInstances.LOCK_FILE);
            long self = ProcessHandle.current().pid();
            assertThat(Processes.lockHolders(lock)).contains(self);

            // Its start looks for stale folders, the first one's among them: looking must not unlock it.
            try (PostgresServer second = PostgresServer.start(embedded)) {
                assertThat(Processes.lockHolders(lock)).contains(self);
            }
        }
    }

    private static Process startHolder() throws IOException {
        return ChildRun.start(List.of("-D" + PostgresSettings.EMBEDDED_BINARIES + "="
                + System.getProperty(PostgresSettings.EMBEDDED_BINARIES, "")), ServerHolder.class);
    }

    private static Path folderOf(Process holder) throws IOException {
        return Path.of(ChildRun.lineAfter(holder, "FOLDER "));
    }
}
