package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                   %s, %s
            from pg_namespace n
            where n.nspname <> 'information_schema' and n.nspname !~ '^pg_' and n.nspname <> '%s'
              and n.nspname <> '%s'
              and (cardinality(?::text[]) = 0 or n.nspname = any(?::text[])) and %s
            order by n.nspname""".formatted(
            ReadScope.comment("pg_namespace", "n.oid"), ReadScope.grants("n.nspacl", 'n', "n.nspowner"),
            DdlRecorder.SCHEMA, GuardObjects.SCHEMA, ReadScope.notExtensionMember("pg_namespace", "n.oid"));

    private static final List<CatalogReader> READERS = List.of(new DatabaseWideReader(), new TableReader(),
            new ColumnReader(), new ConstraintReader(), new IndexReader(), new StatisticsReader(), new TriggerReader(),
            new SequenceReader(), new ViewReader(), new RoutineReader(), new TypeReader(), new CatalogObjectReader());

    private SnapshotReader() {
    }

    /**
     * Reads the schema of the database {@code connection} is connected to in two round trips (the
     * schemas, then one batch of queries for everything in them), inside the caller's transaction if
     * one is open. Afterwards the connection's auto-commit mode and settings are as they were.
     */
    public static SchemaSnapshot read(Connection connection, SnapshotOptions options) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        read(connection, options, new Part(UnitFilter.ALL, null, (unit, member, object) -> objects.add(object)));
        return SchemaSnapshot.of(objects);
    }

    /**
     * What one read covers: every unit or some, the schema OIDs when they are known already
     * (null: read the schemas too), and who receives each object with the unit it came from.
     */
    record Part(UnitFilter filter, List<Long> schemaOids, ReadScope.ReadSink sink) {
    }

    /** Reads the objects {@code part} covers into its sink; returns the included schemas' OIDs. */
    static List<Long> read(Connection connection, SnapshotOptions options, Part part) throws SQLException {
        if (part.filter().readsNothing() && part.schemaOids() != null) {
            return part.schemaOids(); // a partial read with nothing to read: no round trip
        }
        long started = System.nanoTime();
        ReadSettings settings = part.filter().readsAll() ? ReadSettings.WHOLE : ReadSettings.PARTIAL;
        return settings.run(connection, around -> {
            List<Long> schemaOids = part.schemaOids() != null ? part.schemaOids()
                    : readSchemas(connection, options, part.sink());
            ReadScope scope = new ReadScope(connection, options, schemaOids, part.filter(), part.sink());
            for (CatalogReader reader : READERS) {
                reader.read(scope);
            }
            int objects = scope.run(around);
            LOG.debug("Read {} objects in {} schemas in {} us", objects, schemaOids.size(),
                    (System.nanoTime() - started) / 1_000);
            return schemaOids;
        });
    }

    /** Reads every non-system schema with the default exclusions. */
    public static SchemaSnapshot read(Connection connection) throws SQLException {
        return read(connection, SnapshotOptions.defaults());
    }

    private static List<Long> readSchemas(Connection connection, SnapshotOptions options, ReadScope.ReadSink sink)
            throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SCHEMAS)) {
            java.sql.Array names = connection.createArrayOf("text", options.schemas().toArray());
            statement.setArray(1, names);
            statement.setArray(2, names);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    oids.add(row.getLong(1));
                    sink.read(null, null, new Schema(row.getString(2), row.getString(3), row.getString(4)));
                }
            }
        }
        return oids;
    }
}
