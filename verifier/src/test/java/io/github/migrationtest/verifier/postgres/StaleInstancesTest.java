package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleInstancesTest {

    @TempDir
    Path instances;

    @Test
    void a_folder_whose_owner_pid_now_belongs_to_another_process_is_reclaimed() throws Exception {
        // Our own pid stands for a reused one: alive, but started at another time than the owner.
        long reusedPid = ProcessHandle.current().pid();
        Path stale = instance("pg-stale", reusedPid + " 1000\n");

        assertThat(StaleInstances.reclaim(instances)).containsExactly(stale);
        assertThat(stale).doesNotExist();
    }

    @Test
    void a_folder_whose_owner_runs_is_left_alone_with_or_without_its_start_time() throws Exception {
        Path current = instance("pg-live", StaleInstances.ownerLine());
        Path olderFormat = instance("pg-older", ProcessHandle.current().pid() + "\n");

        assertThat(StaleInstances.reclaim(instances)).isEmpty();
        assertThat(current).isDirectory();
        assertThat(olderFormat).isDirectory();
    }

    @Test
    void an_owner_line_names_this_process_and_its_start() {
        assertThat(StaleInstances.isAlive(StaleInstances.ownerLine())).isTrue();
        assertThat(StaleInstances.isAlive(ProcessHandle.current().pid() + " 1000")).isFalse();
        assertThat(StaleInstances.isAlive("not a pid")).isFalse();
    }

    /**
     * A postmaster we stop is not our child: once it exits, only its parent (often the container's init, which may
     * reap late or never) removes its entry. Such a zombie has exited; a stop must not wait for it to be reaped.
     */
    @Test
    void a_zombie_has_exited_a_running_process_has_not() throws Exception {
        // The shell prints its child's pid and becomes 'sleep 30', which never reaps that child: a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
        try {
            long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                    parent.getInputStream())).readLine().trim());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!Processes.exited(zombie) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readString(Path.of("/proc", String.valueOf(zombie), "stat"))).as("still listed, as a zombie")
                    .contains(") Z ");
            assertThat(ProcessHandle.of(zombie).map(StaleInstances::hasExited)).contains(true);
            assertThat(StaleInstances.hasExited(parent.toHandle())).isFalse();
        } finally {
            parent.destroyForcibly().waitFor();
        }
        assertThat(StaleInstances.hasExited(parent.toHandle())).isTrue();
    }

    private Path instance(String name, String ownerLine) throws Exception {
        Path folder = Files.createDirectories(instances.resolve(name));
        Files.writeString(folder.resolve(StaleInstances.OWNER_FILE), ownerLine);
        return folder;
    }
}
