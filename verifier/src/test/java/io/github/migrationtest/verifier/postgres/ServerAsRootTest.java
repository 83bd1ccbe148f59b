package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * As root, the embedded server's processes are never root in the host's view, whichever way they
 * drop it: checked from outside in /proc, by the owner of what a superuser's shell writes, and by
 * the owners and modes of the folders the server uses.
 */
class ServerAsRootTest {

    private static final PostgresSettings EMBEDDED = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED);

    @TempDir
    Path shellOutput;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RootStrategy.Choice.class, names = {"UNSHARE", "SETPRIV"})
    void no_process_of_the_server_is_root_and_its_shell_writes_as_its_uid(RootStrategy.Choice choice) throws Exception {
        int serverId = strategyOrSkip(choice).serverId();
        // The server's uid must be able to create the file; it never gets more than that of ours.
        Files.setPosixFilePermissions(shellOutput, PosixFilePermissions.fromString("rwx-wx-wx"));
        Path written = shellOutput.resolve("uid");
        Path instance;
        try (PostgresServer server = PostgresServer.start(EMBEDDED.withEmbeddedRootStrategy(choice));
             DisposableDatabase db = server.createDatabase();
             Connection superuser = db.connect();
             Statement statement = superuser.createStatement()) {
            EmbeddedPostgres embedded = (EmbeddedPostgres) server.running();
            instance = embedded.instanceFolder();
            long postmaster = Processes.postmasterPid(instance.resolve("data"));
            List<Long> processes = new ArrayList<>(List.of(postmaster));
            ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> processes.add(child.pid()));
            assertThat(processes).as("the postmaster and its backends").hasSizeGreaterThan(2);
            for (long pid : processes) {
                String id = String.valueOf(serverId);
                assertThat(Processes.status(pid, "Uid")).as("real, effective, saved, fs uid of %d", pid)
                        .containsExactly(id, id, id, id);
                assertThat(Processes.status(pid, "Gid")).as("gids of %d", pid).containsExactly(id, id, id, id);
                assertThat(Processes.status(pid, "Groups")).as("supplementary groups of %d", pid).isEmpty();
            }

            // What --superuser-migrations allows a migration: a shell on the server's machine.
            statement.execute("COPY (SELECT 1) TO PROGRAM 'id -u > " + written + "'");

            // Inside a user namespace the shell sees itself as nobody; the file's owner is the host's view.
            assertThat(Files.readString(written).strip()).isEqualTo(String.valueOf(RootStrategy.UNPRIVILEGED_ID));
            assertThat(Files.getAttribute(written, "unix:uid")).as("owner of what the shell wrote").isEqualTo(serverId);
            assertOwnedAndPrivate(instance.resolve("data"), serverId, "rwx------");
            assertOwnedAndPrivate(instance.resolve("data").resolve(PristineCluster.PASSWORD_FILE), serverId, "rw-------");
            assertOwnedAndPrivate(instance.resolve("socket"), serverId, "rwx------");
            assertOwnedAndPrivate(instance.resolve("postgres.log"), serverId, "rw-------");
            // The lock and owner files stay root's: the server's shell cannot keep a dead run's server alive.
            assertOwnedAndPrivate(instance, 0, "rwx--x---");
            assertThat(Files.getAttribute(instance, "unix:gid")).isEqualTo(serverId);
            assertThat(Files.getAttribute(instance.resolve(StaleInstances.OWNER_FILE), "unix:uid")).isEqualTo(0);
            assertThat(Files.getAttribute(instance.resolve(StaleInstances.LOCK_FILE), "unix:uid")).isEqualTo(0);
        }
        assertThat(instance).as("deleted at stop, though the server's uid wrote in it").doesNotExist();
    }

    private static RootStrategy strategyOrSkip(RootStrategy.Choice choice) {
        assumeTrue(RootStrategy.runningAsRoot(), "only root needs to drop privileges");
        try {
            return RootStrategy.detect(choice);
        } catch (BackendUnavailableException e) {
            return abort("this machine does not allow " + choice + ": " + e.getMessage());
        }
    }

    private static void assertOwnedAndPrivate(Path path, int uid, String permissions) throws Exception {
        assertThat(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).as("owner of %s", path).isEqualTo(uid);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                .as("permissions of %s", path).isEqualTo(permissions);
    }
}
