package io.github.migrationtest.verifier.postgres;

import java.lang.reflect.Method;

/**
 * Decides whether Testcontainers can be tried, without loading any Testcontainers class: it is an
 * optional dependency, so {@link ContainerPostgres} is reached only by name once it is known present.
 */
final class TestcontainersBackend {

    static final String CONTAINER_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";
    private static final String ADAPTER_CLASS = "io.github.migrationtest.verifier.postgres.ContainerPostgres";

    private TestcontainersBackend() {
    }

    static RunningPostgres start(PostgresSettings settings, DockerEnvironment docker) throws BackendUnavailableException {
        if (!onClassPath()) {
            throw BackendUnavailableException.absent("Testcontainers is not on the class path."
                    + " Fix: add org.testcontainers:testcontainers-postgresql as a test dependency");
        }
        String where = docker.find().orElseThrow(() -> BackendUnavailableException.absent(
                "no Docker found (" + docker.describeSearch() + ")"));
        try {
            return (RunningPostgres) adapter().invoke(null, settings.image(), settings.majorVersion(), where);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new BackendUnavailableException("could not start " + settings.image() + " with Docker at " + where
                    + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BackendUnavailableException("Testcontainers could not be loaded: " + e, e);
        }
    }

    /** {@code ContainerPostgres.start(image, major, dockerLocation)}, which only a Docker machine can call for real. */
    static Method adapter() throws ReflectiveOperationException {
        return Class.forName(ADAPTER_CLASS).getDeclaredMethod("start", String.class, int.class, String.class);
    }

    static boolean onClassPath() {
        try {
            Class.forName(CONTAINER_CLASS, false, TestcontainersBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
