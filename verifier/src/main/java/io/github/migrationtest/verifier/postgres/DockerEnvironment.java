package io.github.migrationtest.verifier.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cheap look for Docker before Testcontainers is asked: Testcontainers' own probe costs about
 * 0.7 s and logs an ERROR on machines without Docker, so we look where it would look first.
 */
record DockerEnvironment(Map<String, String> environment, Path home, List<Path> wellKnownSockets) {

    static DockerEnvironment ofThisProcess() {
        Path home = Path.of(System.getProperty("user.home"));
        return new DockerEnvironment(System.getenv(), home, List.of(Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock")));
    }

    /** Where Docker seems to be, or empty; {@link #describeSearch()} says where we looked. */
    Optional<String> find() {
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return Optional.of("DOCKER_HOST=" + dockerHost);
        }
        for (Path socket : sockets()) {
            if (Files.exists(socket)) {
                return Optional.of(socket.toString());
            }
        }
        Path properties = home.resolve(".testcontainers.properties");
        try {
            if (Files.isRegularFile(properties) && Files.readString(properties).lines()
                    .anyMatch(line -> line.trim().startsWith("docker.host") || line.trim().startsWith("docker.client.strategy"))) {
                return Optional.of(properties.toString());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    String describeSearch() {
        List<String> places = new ArrayList<>();
        places.add("DOCKER_HOST unset");
        sockets().forEach(socket -> places.add(socket + " missing"));
        places.add("no docker.host in " + home.resolve(".testcontainers.properties"));
        return String.join(", ", places);
    }

    private List<Path> sockets() {
        List<Path> sockets = new ArrayList<>(wellKnownSockets);
        Optional.ofNullable(environment.get("XDG_RUNTIME_DIR"))
                .ifPresent(runtime -> sockets.add(Path.of(runtime, "docker.sock")));
        return sockets;
    }
}
