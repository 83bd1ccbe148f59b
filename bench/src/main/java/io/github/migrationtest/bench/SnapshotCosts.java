package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What a snapshot costs on a history's head schema, as the walk takes them: a whole read (the first,
 * and the first after a rebuild), a partial read when no DDL ran (the fixed cost every read pays),
 * and a partial read after one table was touched (a comment changed and put back).
 */
final class SnapshotCosts {

    /** Milliseconds per read (medians), and what the schema holds. */
    record Costs(double whole, double nothingChanged, double oneTable, String objects) {
    }

    private static final int READS = 15;

    private SnapshotCosts() {
    }

    static Costs measure(Connection connection) throws Exception {
        String objects;
        String table;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     select (select count(*) from pg_class where relkind in ('r', 'p') and relnamespace = n.oid),
                            (select count(*) from pg_class where relkind in ('v', 'm') and relnamespace = n.oid),
                            (select count(*) from pg_proc where pronamespace = n.oid),
                            (select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid
                             where c.relnamespace = n.oid and not t.tgisinternal),
                            (select count(*) from pg_class where relkind = 'i' and relnamespace = n.oid),
                            (select min(oid::regclass::text) from pg_class where relkind = 'r' and relnamespace = n.oid)
                     from pg_namespace n where nspname = 'public'""")) {
            row.next();
            objects = String.format("%d tables, %d views, %d routines, %d triggers, %d indexes", row.getLong(1),
                    row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
            table = row.getString(6);
        }
        IncrementalReader reader = IncrementalReader.start(connection, SnapshotOptions.defaults());
        reader.read(connection);
        double whole = Measure.medianMillis(READS, () -> {
            reader.forget();
            reader.read(connection);
        });
        double nothing = Measure.medianMillis(READS, () -> reader.read(connection));
        double one = table == null ? Double.NaN : Measure.medianMillis(READS, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMENT ON TABLE " + table + " IS 'probe'");
                statement.execute("COMMENT ON TABLE " + table + " IS NULL");
            }
            reader.read(connection);
        });
        return new Costs(whole, nothing, one, objects);
    }
}
