package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's (or a class's) database and its runner, kept in the JUnit store so that it is dropped
 * when the test or class is done, or kept when a test using it failed and keeping was asked for.
 */
final class TestDatabase implements AutoCloseable {

    static final String KEPT_REPORT_KEY = "migrationtest.keptDatabase";

    private final RunServer server;
    private final DisposableDatabase database;
    private final DatabaseRunner runner;
    private final boolean keepFailed;
    private final AtomicBoolean kept = new AtomicBoolean();

    TestDatabase(RunServer server, DisposableDatabase database, DatabaseRunner runner, boolean keepFailed) {
        this.server = server;
        this.database = database;
        this.runner = runner;
        this.keepFailed = keepFailed;
    }

    DisposableDatabase database() {
        return database;
    }

    DatabaseRunner runner() {
        return runner;
    }

    /** A test using this database failed: keep it if asked to, and tell the test's report how to connect. */
    void failedIn(ExtensionContext context) {
        if (keepFailed && kept.compareAndSet(false, true)) {
            database.keep();
            context.publishReportEntry(KEPT_REPORT_KEY, "Kept " + database.name() + " for inspection. Connect with: "
                    + database.connectionHint());
        }
    }

    @Override
    public void close() {
        server.release(database);
    }
}
