package io.github.migrationtest.verifier.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tries the backends the settings allow, in order, and says why each one that failed did. */
final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final DockerEnvironment docker;

    Provisioner(DockerEnvironment docker) {
        this.docker = docker;
    }

    RunningPostgres provision(PostgresSettings settings) {
        Map<Backend, String> failures = new LinkedHashMap<>();
        for (Backend backend : order(settings)) {
            try {
                return start(backend, settings);
            } catch (BackendUnavailableException e) {
                failures.put(backend, e.getMessage());
                if (backend == Backend.SERVER) {
                    // The user asked for this server: falling back silently would hide a broken CI service.
                    LOG.warn("The configured Postgres server cannot be used, trying the next backend: {}", e.getMessage());
                } else {
                    LOG.debug("Backend {} unavailable: {}", backend.configName(), e.getMessage());
                }
            }
        }
        StringBuilder message = new StringBuilder("No Postgres could be provided (")
                .append(PostgresSettings.BACKEND).append('=').append(settings.backend().configName())
                .append("). Tried:");
        failures.forEach((backend, reason) ->
                message.append(System.lineSeparator()).append("  - ").append(backend.configName()).append(": ").append(reason));
        throw new PostgresUnavailableException(message.toString());
    }

    /** In auto mode, an existing server is tried only when a URL is given: nothing is guessed. */
    static List<Backend> order(PostgresSettings settings) {
        if (settings.backend() != Backend.AUTO) {
            return List.of(settings.backend());
        }
        List<Backend> order = new ArrayList<>();
        if (settings.serverUrl().isPresent()) {
            order.add(Backend.SERVER);
        }
        order.add(Backend.TESTCONTAINERS);
        order.add(Backend.EMBEDDED);
        return order;
    }

    private RunningPostgres start(Backend backend, PostgresSettings settings) throws BackendUnavailableException {
        return switch (backend) {
            case SERVER -> ExistingServer.connect(settings);
            case TESTCONTAINERS -> TestcontainersBackend.start(settings, docker);
            case EMBEDDED -> EmbeddedPostgres.start(settings);
            case AUTO -> throw new IllegalStateException("auto is a choice among backends, not one");
        };
    }
}
