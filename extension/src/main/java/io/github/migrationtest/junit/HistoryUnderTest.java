package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.MigrationPrivileges;
import io.github.migrationtest.verifier.RevisionIds;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * One test class's history: its configuration, the opened source, and a template database at the
 * start position that each test database is cloned from, so init scripts and the upgrades to
 * {@code startAt} run once per class rather than once per test.
 */
final class HistoryUnderTest implements AutoCloseable {

    private final MigrationTestConfig config;
    private final MigrationSource source;
    private final Supplier<RunServer> server;
    private final int startApplied;
    private DisposableDatabase template;
    private RuntimeException templateFailure;

    private HistoryUnderTest(MigrationTestConfig config, MigrationSource source, Supplier<RunServer> server) {
        this.config = config;
        this.source = source;
        this.server = server;
        this.startApplied = startApplied(config.startAt(), source);
    }

    /**
     * Opens the history; a location that does not exist is a configuration error, reported before any
     * test runs. The server is asked for only when a test needs a database.
     */
    static HistoryUnderTest open(MigrationTestConfig config, ProjectPaths paths, Supplier<RunServer> server) {
        paths.missing(config.location()).ifPresent(what -> {
            throw new ExtensionConfigurationException("No migration history at " + config.location() + ": " + what
                    + ". Set @MigrationTest(location) or " + MigrationTest.LOCATION_PROPERTY_NAME);
        });
        try {
            return new HistoryUnderTest(config, MigrationSources.open(config.location(), config.source()), server);
        } catch (IllegalStateException e) {
            // The location needs a tool that is not on the class path.
            throw new ExtensionConfigurationException("Cannot open the migration history at " + config.location()
                    + ": " + e.getMessage(), e);
        }
    }

    MigrationTestConfig config() {
        return config;
    }

    MigrationSource source() {
        return source;
    }

    RunServer server() {
        return server.get();
    }

    /** A new database at the start position, cloned from the class's template. */
    TestDatabase newDatabase() {
        RunServer run = server();
        DisposableDatabase database = run.createDatabaseFrom(template(run));
        DatabaseRunner runner = new DatabaseRunner(source, database, config.verifier().snapshot(), startApplied);
        return new TestDatabase(run, database, runner, config.postgres().keepFailedDatabases());
    }

    private synchronized DisposableDatabase template(RunServer run) {
        if (templateFailure != null) {
            throw templateFailure; // every test asking for a database reports the same cause, without retrying
        }
        if (template == null) {
            DisposableDatabase created = run.createDatabase();
            try {
                prepare(created);
            } catch (RuntimeException e) {
                run.release(created);
                templateFailure = e;
                throw e;
            }
            template = created;
        }
        return template;
    }

    private void prepare(DisposableDatabase database) {
        try (Connection connection = database.connect()) {
            ScriptFiles.runInitScripts(config.verifier().initScripts(), connection);
            MigrationPrivileges.handOverInitObjects(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect to " + database + ": " + e.getMessage(), e);
        }
        DatabaseRunner runner = new DatabaseRunner(source, database, config.verifier().snapshot(), 0);
        if (startApplied > 0) {
            runner.upgradeTo(source.revisions().get(startApplied - 1).id());
        }
    }

    private static int startApplied(Setting startAt, MigrationSource source) {
        List<Revision> revisions = source.revisions();
        String value = startAt.value().trim();
        if (value.equalsIgnoreCase(MigrationTestConfig.BASE)) {
            return 0;
        }
        if (value.equalsIgnoreCase(MigrationTestConfig.HEAD)) {
            return revisions.size();
        }
        return RevisionIds.indexOf(revisions, value).orElseThrow(() -> startAt.invalid(
                "base, head or a revision of " + source.location() + ": " + RevisionIds.list(revisions))) + 1;
    }

    @Override
    public synchronized void close() {
        try {
            if (template != null) {
                server().release(template);
                template = null;
            }
        } finally {
            source.close(); // ends what the source started, such as Alembic's Python helpers
        }
    }
}
