package io.github.migrationtest.verifier.postgres;

/** A separate JVM that starts an embedded server, prints its folder and waits to be killed. */
public final class ServerHolder {

    private ServerHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        System.out.println("FOLDER " + ((EmbeddedPostgres) server.running()).instanceFolder());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
