package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds a revision's schema the way the verifier does: on a disposable database of its own (init
 * scripts, then each upgrade from the base), dropped afterwards, also on failure.
 */
final class RevisionBuilds {

    private final PostgresServer server;
    private final MigrationSource history;
    private final List<Path> initScripts;
    private final SnapshotOptions options;

    RevisionBuilds(PostgresServer server, MigrationSource history, List<Path> initScripts, SnapshotOptions options) {
        this.server = server;
        this.history = history;
        this.initScripts = List.copyOf(initScripts);
        this.options = options.withAlsoExcludedTables(history.bookkeepingTables().toArray(String[]::new));
    }

    /** The schema at the revision with this index; -1 is the base (the init scripts only). */
    SchemaSnapshot at(int index) throws SQLException {
        try (DisposableDatabase database = server.createDatabase(); Connection connection = database.connect()) {
            start(database, connection);
            List<Revision> revisions = history.revisions();
            for (int i = 0; i <= index; i++) {
                history.upgrade(revisions.get(i), connection);
            }
            return IncrementalReader.wholeReads(options).read(connection);
        }
    }

    /** A revision's schema, compared with another. */
    record Nearest(int index, SchemaSnapshot schema, DiffResult diff) {
        long failures() {
            return diff.failures().size();
        }
    }

    /**
     * The revision whose schema differs least from {@code live} (the latest of equals), walking the
     * history from the base, the base included; an upgrade that fails ends the walk there.
     */
    Nearest nearest(SchemaSnapshot live, DiffOptions diffOptions) throws SQLException {
        try (DisposableDatabase database = server.createDatabase(); Connection connection = database.connect()) {
            start(database, connection);
            IncrementalReader reader = IncrementalReader.start(connection, options);
            SchemaSnapshot base = reader.read(connection);
            Nearest nearest = new Nearest(-1, base, SchemaDiff.compare(base, live, diffOptions));
            List<Revision> revisions = history.revisions();
            for (int i = 0; i < revisions.size(); i++) {
                history.upgrade(revisions.get(i), connection);
                SchemaSnapshot schema = reader.read(connection);
                Nearest candidate = new Nearest(i, schema, SchemaDiff.compare(schema, live, diffOptions));
                if (candidate.failures() <= nearest.failures()) {
                    nearest = candidate;
                }
            }
            return nearest;
        }
    }

    private void start(DisposableDatabase database, Connection connection) {
        ScriptFiles.runInitScripts(initScripts, connection);
        history.usePassword(database.password());
    }
}
