package io.github.migrationtest.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the database of a failed test for inspection when {@value MigrationTest#KEEP_FAILED_PROPERTY_NAME}
 * is true. It runs before the stores are closed, which is when the databases are dropped; a
 * {@link org.junit.jupiter.api.extension.TestWatcher} would hear of the failure too late.
 */
final class KeepFailedDatabases implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        keepIfFailed(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        keepIfFailed(context); // a failing @BeforeAll or @AfterAll method, with a per-class database
    }

    private static void keepIfFailed(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            Stores.databasesSeenBy(context).forEach(database -> database.failedIn(context));
        }
    }
}
