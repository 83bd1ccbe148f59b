package io.github.migrationtest.verifier.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerTest {

    @TempDir
    Path home;

    private DockerEnvironment noDocker() {
        return new DockerEnvironment(Map.of(), home, List.of(home.resolve("docker.sock")));
    }

    @Test
    void auto_tries_a_given_server_then_testcontainers_then_embedded() {
        PostgresSettings settings = PostgresSettings.defaults();
        assertThat(Provisioner.order(settings)).containsExactly(Backend.TESTCONTAINERS, Backend.EMBEDDED);
        assertThat(Provisioner.order(settings.withServer("jdbc:postgresql://db/x", null, null)))
                .containsExactly(Backend.SERVER, Backend.TESTCONTAINERS, Backend.EMBEDDED);
        assertThat(Provisioner.order(settings.withBackend(Backend.EMBEDDED))).containsExactly(Backend.EMBEDDED);
    }

    @Test
    void when_nothing_can_start_every_backend_tried_is_listed_with_its_reason() {
        PostgresSettings settings = PostgresSettings.defaults().withMajorVersion(99)
                .withServer("jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2", "postgres", null);
        assertThatThrownBy(() -> new Provisioner(noDocker()).provision(settings))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageStartingWith("No Postgres could be provided (migrationtest.postgres.backend=auto). Tried:")
                .hasMessageContaining("  - server: could not connect to jdbc:postgresql://127.0.0.1:1/postgres")
                .hasMessageContaining("  - testcontainers: no Docker found (DOCKER_HOST unset, " + home.resolve("docker.sock") + " missing")
                .hasMessageContaining("  - embedded: no Postgres 99 binaries found");
    }

    @Test
    void docker_is_found_through_docker_host_a_socket_or_the_testcontainers_file() throws Exception {
        assertThat(noDocker().find()).isEmpty();
        assertThat(new DockerEnvironment(Map.of("DOCKER_HOST", "tcp://ci:2375"), home, List.of()).find())
                .contains("DOCKER_HOST=tcp://ci:2375");
        Path socket = Files.createFile(home.resolve("docker.sock"));
        assertThat(noDocker().find()).contains(socket.toString());
        Files.delete(socket);
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///run/user/1000/docker.sock\n");
        assertThat(noDocker().find()).contains(home.resolve(".testcontainers.properties").toString());
    }

    @Test
    void testcontainers_without_docker_is_refused_before_testcontainers_is_touched() {
        assertThat(TestcontainersBackend.onClassPath()).isTrue();
        assertThatThrownBy(() -> new Provisioner(noDocker()).provision(PostgresSettings.defaults().withBackend(Backend.TESTCONTAINERS)))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("testcontainers: no Docker found");
    }

    @Test
    void the_container_adapter_that_is_called_by_name_exists_without_docker() throws Exception {
        // ContainerPostgresTest calls it for real, but only where there is Docker.
        Method start = TestcontainersBackend.adapter();
        assertThat(start.getDeclaringClass()).isEqualTo(ContainerPostgres.class);
        assertThat(Modifier.isStatic(start.getModifiers())).isTrue();
        assertThat(RunningPostgres.class).isAssignableFrom(start.getReturnType());
    }

    @Test
    void newer_images_keep_their_data_one_level_up() {
        assertThat(ContainerPostgres.dataVolume(17)).isEqualTo("/var/lib/postgresql/data");
        assertThat(ContainerPostgres.dataVolume(18)).isEqualTo("/var/lib/postgresql");
    }
}
