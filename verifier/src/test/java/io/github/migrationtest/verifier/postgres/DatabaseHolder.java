package io.github.migrationtest.verifier.postgres;

/**
 * A separate JVM that, as one run, makes a database on an existing server (URL, user and password
 * as arguments), prints its name and waits to be killed.
 */
public final class DatabaseHolder {

    private DatabaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresServer server = PostgresServer.start(PostgresSettings.defaults().withBackend(Backend.SERVER)
                .withServer(args[0], args[1], args[2].isEmpty() ? null : args[2]));
        System.out.println("DATABASE " + server.createDatabase().name());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
