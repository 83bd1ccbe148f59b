package io.github.migrationtest.verifier.postgres;

import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Postgres in a Docker container through Testcontainers; loaded only when Testcontainers is present. */
final class ContainerPostgres implements RunningPostgres {

    private final PostgreSQLContainer container;
    private final String dockerLocation;

    private ContainerPostgres(PostgreSQLContainer container, String dockerLocation) {
        this.container = container;
        this.dockerLocation = dockerLocation;
    }

    /** Called by name from {@link TestcontainersBackend}. */
    static ContainerPostgres start(String image, int major, String dockerLocation) {
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                        "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "jit=off")
                .withTmpFs(Map.of(dataVolume(major), "rw"));
        container.start();
        return new ContainerPostgres(container, dockerLocation);
    }

    /** Images of Postgres 18 and later keep their data one level up, in a versioned folder. */
    static String dataVolume(int major) {
        return major >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
    }

    @Override
    public ServerEndpoint endpoint() {
        return ServerEndpoint.local(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(), container.getPassword());
    }

    @Override
    public String description() {
        return String.format("Postgres in container %s (%s) on %s:%d, Docker at %s", container.getContainerId(),
                container.getDockerImageName(), container.getHost(),
                container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), dockerLocation);
    }

    @Override
    public Backend backend() {
        return Backend.TESTCONTAINERS;
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public String lifetimeNote() {
        return "The container is removed by Testcontainers' reaper (Ryuk) when this JVM exits;"
                + " set TESTCONTAINERS_RYUK_DISABLED=true to keep it for longer.";
    }
}
