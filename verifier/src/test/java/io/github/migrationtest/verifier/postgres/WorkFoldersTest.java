package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkFoldersTest {

    @Test
    void the_cache_follows_tmpdir_which_java_itself_does_not_read() {
        assertThat(WorkFolders.temporaryFolder(Optional.of("/scratch/me"), "/tmp")).isEqualTo(Path.of("/scratch/me"));
    }

    @Test
    void without_tmpdir_the_cache_is_in_javas_temporary_folder() {
        assertThat(WorkFolders.temporaryFolder(Optional.empty(), "/tmp")).isEqualTo(Path.of("/tmp"));
        assertThat(WorkFolders.temporaryFolder(Optional.of(" "), "/var/tmp")).isEqualTo(Path.of("/var/tmp"));
    }

    @Test
    void binaries_and_clusters_are_cached_on_disk_and_instances_run_on_tmpfs() {
        WorkFolders folders = WorkFolders.under(Path.of("/scratch"), Optional.of(Path.of("/dev/shm")));

        assertThat(folders.binaries().toString()).matches("/scratch/migrationtest-[^/]+/binaries");
        assertThat(folders.clusters().toString()).matches("/scratch/migrationtest-[^/]+/clusters");
        assertThat(folders.instances().toString()).matches("/dev/shm/migrationtest-[^/]+/instances");
        assertThat(WorkFolders.under(Path.of("/scratch"), Optional.empty()).instances().toString())
                .matches("/scratch/migrationtest-[^/]+/instances");
    }
}
