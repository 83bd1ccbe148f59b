package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link SchemaSnapshot} from a live database through {@code pg_catalog}, with one query
 * per kind of object over all included schemas, so the cost grows with the schema, not the
 * number of round trips.
 */
public final class SnapshotReader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private static final String SCHEMAS = """
            select n.oid, n.nspname,
                   (select cm.description from pg_description cm where cm.objoid = n.oid
                        and cm.classoid = 'pg_namespace'::regclass and cm.objsubid = 0), %s
            from pg_namespace n
            where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
              and (cardinality(?::text[]) = 0 or n.nspname = any(?::text[])) and %s
            order by n.nspname""".formatted(ReadScope.grants("n.nspacl", 'n', "n.nspowner"),
            ReadScope.notExtensionMember("pg_namespace", "n.oid"));

    private static final List<CatalogReader> READERS = List.of(new DatabaseWideReader(), new TableReader(),
            new ColumnReader(), new ConstraintReader(), new IndexReader(), new TriggerReader(),
            new SequenceReader(), new ViewReader(), new RoutineReader(), new TypeReader());

    private SnapshotReader() {
    }

    /**
     * Reads the schema of the database {@code connection} is connected to, in one transaction
     * (the caller's, if one is open). Afterwards the connection's auto-commit mode and settings
     * are as they were.
     */
    public static SchemaSnapshot read(Connection connection, SnapshotOptions options) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        // Settings made local to our own transaction end with it; in the caller's they are put back.
        Settings before = autoCommit ? null : currentSettings(connection);
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            // Catalog functions qualify names that are not on the search path; with only
            // pg_catalog on it, every user object is written schema-qualified, the same way in
            // every database. A generic plan is made once per connection, not once per snapshot.
            apply(connection, new Settings("pg_catalog", "force_generic_plan"));
            List<SchemaObject> objects = new ArrayList<>();
            List<Long> schemaOids = readSchemas(connection, options, objects);
            ReadScope scope = new ReadScope(connection, options, schemaOids);
            StringBuilder timings = new StringBuilder();
            long mark = System.nanoTime();
            timings.append("settings and schemas ").append((mark - started) / 1_000).append(" us");
            for (CatalogReader reader : READERS) {
                reader.read(scope, objects);
                long now = System.nanoTime();
                timings.append(", ").append(reader.getClass().getSimpleName()).append(' ')
                        .append((now - mark) / 1_000).append(" us");
                mark = now;
            }
            SchemaSnapshot snapshot = SchemaSnapshot.of(objects);
            LOG.debug("Read {} objects in {} schemas in {} ms ({}, ordering {} us)", objects.size(),
                    schemaOids.size(), (System.nanoTime() - started) / 1_000_000, timings,
                    (System.nanoTime() - mark) / 1_000);
            return snapshot;
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                apply(connection, before);
            }
        }
    }

    /** Reads every non-system schema with the default exclusions. */
    public static SchemaSnapshot read(Connection connection) throws SQLException {
        return read(connection, SnapshotOptions.defaults());
    }

    private static List<Long> readSchemas(Connection connection, SnapshotOptions options, List<SchemaObject> out)
            throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SCHEMAS)) {
            java.sql.Array names = connection.createArrayOf("text", options.schemas().toArray());
            statement.setArray(1, names);
            statement.setArray(2, names);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    oids.add(row.getLong(1));
                    out.add(new Schema(row.getString(2), row.getString(3), row.getString(4)));
                }
            }
        }
        return oids;
    }

    /** The session settings a read changes for its own transaction. */
    private record Settings(String searchPath, String planCacheMode) {
    }

    private static Settings currentSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "select current_setting('search_path'), current_setting('plan_cache_mode')")) {
            row.next();
            return new Settings(row.getString(1), row.getString(2));
        }
    }

    private static void apply(Connection connection, Settings settings) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('search_path', ?, true), set_config('plan_cache_mode', ?, true)")) {
            statement.setString(1, settings.searchPath());
            statement.setString(2, settings.planCacheMode());
            statement.execute();
        }
    }
}
