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
    void auto_tries_testcontainers_then_embedded_but_a_given_server_alone() {
        PostgresSettings settings = PostgresSettings.defaults();
        assertThat(Provisioner.order(settings)).containsExactly(Backend.TESTCONTAINERS, Backend.EMBEDDED);
        assertThat(Provisioner.order(settings.withServer("jdbc:postgresql://db/x", null, null)))
                .containsExactly(Backend.SERVER);
        assertThat(Provisioner.order(settings.withBackend(Backend.EMBEDDED))).containsExactly(Backend.EMBEDDED);
    }

    @Test
    void when_nothing_can_start_every_backend_tried_is_listed_with_its_reason() {
        PostgresSettings settings = PostgresSettings.defaults().withMajorVersion(99);
        assertThatThrownBy(() -> new Provisioner(noDocker()).provision(settings))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageStartingWith("No Postgres could be provided (migrationtest.postgres.backend=auto). Tried:")
                .hasMessageContaining("  - testcontainers: no Docker found (DOCKER_HOST unset, " + home.resolve("docker.sock") + " missing")
                .hasMessageContaining("  - embedded: no Postgres 99 binaries found");
    }

    @Test
    void a_server_given_by_url_that_cannot_be_reached_is_never_replaced_by_another_backend() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2";
        PostgresSettings settings = PostgresSettings.fromEnvironment().withBackend(Backend.AUTO).withServer(url, "postgres", null);
        Provisioner provisioner = new Provisioner(noDocker());

        assertThatThrownBy(() -> provisioner.provision(settings))
                .isInstanceOf(PostgresUnavailableException.class)
                .hasMessageContaining("  - server: could not connect to " + url)
                .hasMessageContaining("is never replaced by another backend. Fix: start that server or correct the URL")
                .hasMessageNotContaining("embedded")
                .hasMessageNotContaining("testcontainers:");
    }

    @Test
    void a_fallback_in_auto_mode_is_a_notice_for_the_user_but_a_machine_without_docker_is_not() {
        // Docker seems to be there (DOCKER_HOST is set) but Testcontainers finds none to talk to.
        DockerEnvironment brokenDocker = new DockerEnvironment(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), home, List.of());
        PostgresSettings auto = PostgresSettings.fromEnvironment().withBackend(Backend.AUTO);

        Provisioner fellBack = new Provisioner(brokenDocker);
        try (StandardError testcontainersLog = StandardError.capture()) {
            fellBack.provision(auto).stop();
            // Testcontainers logs its failed search for Docker, once per JVM (it remembers the outcome).
            assertThat(testcontainersLog.text()).satisfiesAnyOf(
                    text -> assertThat(text).isEmpty(), text -> assertThat(text).contains("Docker environment"));
        }
        assertThat(fellBack.notices()).singleElement().asString()
                .startsWith("Backend auto fell back to embedded: testcontainers failed (could not start postgres:17-alpine"
                        + " with Docker at DOCKER_HOST=tcp://127.0.0.1:1");

        Provisioner noFallback = new Provisioner(noDocker());
        noFallback.provision(auto).stop();
        assertThat(noFallback.notices()).isEmpty();
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
