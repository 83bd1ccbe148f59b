package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import java.sql.Connection;
import java.sql.Statement;

/**
 * Snapshot and diff cost on generated schemas of 100 and 1,000 tables (columns, indexes, foreign
 * keys, checks, comments, and every tenth table a view, a function and a trigger), and how it grows.
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=SnapshotBenchmark}
 */
public final class SnapshotBenchmark {
    private static final int[] SIZES = {100, 1000};

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.shared();
        double[][] results = new double[SIZES.length][];
        Measure.header("Snapshot and diff (" + server.description() + ")");
        for (int s = 0; s < SIZES.length; s++) {
            int tables = SIZES[s];
            try (DisposableDatabase db = server.createDatabase()) {
                createSchema(db, tables);
                results[s] = measure(db, tables);
            }
        }
        System.out.printf("%nGrowth from %d to %d tables (x%d objects):%n", SIZES[0], SIZES[1], SIZES[1] / SIZES[0]);
        String[] names = {"snapshot, warm connection", "snapshot, new connection", "diff of equal snapshots",
            "diff with 1 change per 10 tables", "render", "parse"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("  %-34s %5.1fx%n", names[i], results[1][i] / results[0][i]);
        }
    }

    private static double[] measure(DisposableDatabase db, int tables) throws Exception {
        int runs = tables <= 100 ? 30 : 10;
        try (Connection connection = db.connect()) {
            Measure.medianMillis(10, () -> SnapshotReader.read(connection)); // JIT and the server's plan cache
            SchemaSnapshot snapshot = SnapshotReader.read(connection);
            SchemaSnapshot changed = changeEveryTenthTable(connection, tables);
            String text = SnapshotText.render(snapshot);
            double warm = Measure.medianMillis(runs, () -> SnapshotReader.read(connection));
            double fresh = Measure.medianMillis(runs, () -> {
                try (Connection another = db.connect()) {
                    SnapshotReader.read(another);
                }
            });
            SchemaSnapshot copy = SnapshotText.parse(text);
            for (int i = 0; i < 20; i++) { // JIT
                SchemaDiff.compare(snapshot, changed);
                SchemaDiff.compare(snapshot, copy);
                SnapshotText.parse(SnapshotText.render(snapshot));
            }
            double diffEqual = Measure.medianMillis(runs, () -> check(SchemaDiff.compare(snapshot, copy).isEmpty()));
            double diffChanged = Measure.medianMillis(runs,
                    () -> check(SchemaDiff.compare(snapshot, changed).differences().size() == tables / 10));
            double render = Measure.medianMillis(runs, () -> SnapshotText.render(snapshot));
            double parse = Measure.medianMillis(runs, () -> SnapshotText.parse(text));
            String size = tables + " tables, " + snapshot.objects().size() + " objects";
            Measure.row("snapshot, warm connection: " + size, warm);
            Measure.row("snapshot, new connection: " + size, fresh);
            Measure.row("diff of equal snapshots: " + size, diffEqual);
            Measure.row("diff with " + tables / 10 + " changes: " + size, diffChanged);
            Measure.row("render to text: " + size + " (" + text.length() / 1024 + " KiB)", render);
            Measure.row("parse the text: " + size, parse);
            return new double[] {warm, fresh, diffEqual, diffChanged, render, parse};
        }
    }

    private static void check(boolean expected) {
        if (!expected) {
            throw new IllegalStateException("the diff did not find what the benchmark set up");
        }
    }

    private static SchemaSnapshot changeEveryTenthTable(Connection connection, int tables) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            for (int i = 0; i < tables; i += 10) {
                statement.execute("ALTER TABLE t" + i + " ALTER COLUMN amount SET DEFAULT 1");
            }
            SchemaSnapshot changed = SnapshotReader.read(connection);
            statement.execute("ROLLBACK");
            return changed;
        }
    }

    static void createSchema(DisposableDatabase db, int tables) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.addBatch("CREATE TYPE status AS ENUM ('new', 'active', 'closed')");
            for (int i = 0; i < tables; i++) {
                String t = "t" + i;
                statement.addBatch("CREATE TABLE " + t + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " parent_id bigint" + (i > 0 ? " REFERENCES t" + (i - 1) + " (id) ON DELETE CASCADE" : "")
                        + ", name text NOT NULL, amount numeric(10, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0),"
                        + " state status NOT NULL DEFAULT 'new', created timestamptz NOT NULL DEFAULT now(),"
                        + " UNIQUE (name, parent_id))");
                statement.addBatch("CREATE INDEX " + t + "_created_idx ON " + t + " (created) WHERE state <> 'closed'");
                statement.addBatch("COMMENT ON TABLE " + t + " IS 'generated table " + i + "'");
                if (i % 10 == 0) {
                    statement.addBatch("CREATE VIEW " + t + "_open AS SELECT id, name FROM " + t
                            + " WHERE state <> 'closed'");
                    statement.addBatch("CREATE FUNCTION " + t + "_touch() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$ BEGIN NEW.created := now(); RETURN NEW; END $$");
                    statement.addBatch("CREATE TRIGGER " + t + "_touch BEFORE UPDATE ON " + t
                            + " FOR EACH ROW EXECUTE FUNCTION " + t + "_touch()");
                }
            }
            statement.executeBatch();
        }
    }
}
