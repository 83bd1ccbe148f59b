package io.github.migrationtest.verifier.postgres;

import java.util.List;

/** A Postgres server that one backend provides, and how to stop it. */
interface RunningPostgres {

    /** Where to connect, as a superuser or a user that may create databases. */
    ServerEndpoint endpoint();

    /** One line for logs and messages: backend, version and where it runs. */
    String description();

    Backend backend();

    /** Stops the server if this backend started it; an existing server is left alone. */
    void stop();

    /** What a user who kept a database must know about this server's lifetime. */
    String lifetimeNote();

    /** What the user should hear about how it was started, such as stale servers reclaimed first. */
    default List<String> notices() {
        return List.of();
    }
}
