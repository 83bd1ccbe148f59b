package io.github.migrationtest.verifier.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the backends the settings allow, in order, and says why each one that failed did. A backend
 * the user chose (by name, or a server by its URL) is the only one tried: swapping it for another
 * would hide a broken CI service behind a green run.
 */
final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final DockerEnvironment docker;
    private final Consumer<String> progress;
    private final List<String> notices = new ArrayList<>();

    Provisioner(DockerEnvironment docker) {
        this(docker, PostgresServer.STDERR_PROGRESS);
    }

    Provisioner(DockerEnvironment docker, Consumer<String> progress) {
        this.docker = docker;
        this.progress = progress;
    }

    RunningPostgres provision(PostgresSettings settings) {
        Map<Backend, String> failures = new LinkedHashMap<>();
        List<String> fellBackFrom = new ArrayList<>();
        for (Backend backend : order(settings)) {
            try {
                RunningPostgres running = start(backend, settings);
                if (!fellBackFrom.isEmpty()) {
                    notices.add("Backend auto fell back to " + backend.configName() + ": "
                            + String.join("; ", fellBackFrom));
                }
                return running;
            } catch (BackendUnavailableException e) {
                failures.put(backend, e.getMessage());
                if (!e.isAbsent()) {
                    fellBackFrom.add(backend.configName() + " failed (" + e.getMessage() + ")");
                }
                LOG.debug("Backend {} unavailable: {}", backend.configName(), e.getMessage());
            }
        }
        StringBuilder message = new StringBuilder("No Postgres could be provided (")
                .append(PostgresSettings.BACKEND).append('=').append(settings.backend().configName())
                .append("). Tried:");
        failures.forEach((backend, reason) ->
                message.append(System.lineSeparator()).append("  - ").append(backend.configName()).append(": ").append(reason));
        if (failures.containsKey(Backend.SERVER)) {
            message.append(System.lineSeparator()).append("A server given by URL (").append(PostgresSettings.URL)
                    .append(" or --postgres-url) is never replaced by another backend. Fix: start that server or"
                            + " correct the URL, or leave the URL out to use a disposable Postgres");
        }
        throw new PostgresUnavailableException(message.toString());
    }

    /** What the user should hear about how Postgres was provided, such as a fallback in auto mode. */
    List<String> notices() {
        return List.copyOf(notices);
    }

    /**
     * A backend named in the settings is tried alone. In auto mode a given URL is a choice too, so
     * the server is tried alone then; otherwise Testcontainers (where Docker is found), then embedded.
     */
    static List<Backend> order(PostgresSettings settings) {
        if (settings.backend() != Backend.AUTO) {
            return List.of(settings.backend());
        }
        if (settings.serverUrl().isPresent()) {
            return List.of(Backend.SERVER);
        }
        return List.of(Backend.TESTCONTAINERS, Backend.EMBEDDED);
    }

    private RunningPostgres start(Backend backend, PostgresSettings settings) throws BackendUnavailableException {
        return switch (backend) {
            case SERVER -> ExistingServer.connect(settings);
            case TESTCONTAINERS -> TestcontainersBackend.start(settings, docker);
            case EMBEDDED -> EmbeddedPostgres.start(settings, progress);
            case AUTO -> throw new IllegalStateException("auto is a choice among backends, not one");
        };
    }
}
