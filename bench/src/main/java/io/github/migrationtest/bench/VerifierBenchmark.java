package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The verifier's cost against the migrations' own: a generated history of 200 revisions that
 * builds a 100-table schema, verified in full (by default, and on one database), against running the
 * same up, down and up SQL alone.
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=VerifierBenchmark}
 */
public final class VerifierBenchmark {

    private static final int TABLES = 100;
    private static final int REVISIONS = 200;
    private static final int ROUNDS = 5;

    private VerifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path history = Files.createTempDirectory("migrationtest-bench-history-");
        try {
            generate(history);
            MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
            try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
                rawSql(server, source, false, false); // warm-up of every path
                new Verifier(source, VerifierOptions.defaults().withJobs(1)).verify(server);
                int[] parts = {1};
                new Verifier(source, VerifierOptions.defaults()).verify(server, new ProgressListener() {
                    @Override
                    public void walkPlanned(int count, String note) {
                        parts[0] = count;
                    }
                });
                // This machine's speed drifts by 20% within minutes: each round measures every row
                // back to back, and a ratio is the median of the rounds' own ratios.
                List<Round> rounds = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    rounds.add(Round.measure(server, source));
                }
                Measure.header(String.format("Verification of %d revisions building %d tables (embedded Postgres %d),"
                        + " median of %d rounds", REVISIONS, TABLES, server.majorVersion(), ROUNDS));
                Measure.row("up, down, up of every revision, SQL alone", median(rounds, Round::raw));
                Measure.row("the same, with the change recorder installed", median(rounds, Round::recorded));
                Measure.row("all SQL a verification runs (the same, then head to base)", median(rounds, Round::allSql));
                Measure.row("full verification (all checks), on one database (--jobs 1)", median(rounds, Round::verifyOne));
                Measure.row("  of which the migrations' SQL", median(rounds, Round::verifySql));
                Measure.row("  of which snapshots", median(rounds, Round::verifySnapshots));
                Measure.row(String.format("full verification, by default (%d parts at once)", parts[0]),
                        median(rounds, Round::verify));
                System.out.println();
                ratio("verification / SQL alone", rounds, r -> r.verify() / r.raw());
                ratio("verification / all SQL a verification runs", rounds, r -> r.verify() / r.allSql());
                ratio("on one database / SQL alone", rounds, r -> r.verifyOne() / r.raw());
                ratio("on one database / all SQL a verification runs", rounds, r -> r.verifyOne() / r.allSql());
            }
        } finally {
            TempFolders.delete(history);
        }
    }

    /** One round: every row measured back to back, in milliseconds. */
    private record Round(double raw, double recorded, double allSql, double verifyOne, double verifySql,
                         double verifySnapshots, double verify) {
        static Round measure(PostgresServer server, MigrationSource source) throws Exception {
            double raw = Measure.onceMillis(() -> rawSql(server, source, false, false));
            double recorded = Measure.onceMillis(() -> rawSql(server, source, true, false));
            double allSql = Measure.onceMillis(() -> rawSql(server, source, false, true));
            VerificationReport[] report = new VerificationReport[2];
            double verifyOne = Measure.onceMillis(() -> report[0] = new Verifier(source, VerifierOptions.defaults().withJobs(1))
                    .verify(server));
            double verify = Measure.onceMillis(() -> report[1] = new Verifier(source, VerifierOptions.defaults()).verify(server));
            if (!report[0].passed() || !report[1].passed()) {
                throw new IllegalStateException("the generated history should verify cleanly");
            }
            return new Round(raw, recorded, allSql, verifyOne, report[0].migrationTime().toMillis(),
                    report[0].snapshotTime().toMillis(), verify);
        }
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> measure) {
        double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
        return values[values.length / 2];
    }

    private static void ratio(String name, List<Round> rounds, ToDoubleFunction<Round> measure) {
        System.out.printf("%s: %.2fx (rounds: %s)%n", name, median(rounds, measure), each(rounds, measure));
    }

    private static String each(List<Round> rounds, ToDoubleFunction<Round> measure) {
        return rounds.stream().map(r -> String.format("%.2f", measure.applyAsDouble(r)))
                .collect(Collectors.joining(", "));
    }

    /**
     * What the migrations cost without us: each revision up, down and up again, nothing compared;
     * with {@code recorder}, under the event triggers incremental snapshots install; with
     * {@code thenToBase}, also every downgrade from head to base, as the full-downgrade check runs them.
     */
    private static void rawSql(PostgresServer server, MigrationSource source, boolean recorder, boolean thenToBase)
            throws Exception {
        try (DisposableDatabase db = server.createDatabase(); Connection connection = db.connect()) {
            if (recorder) {
                IncrementalReader.start(connection, SnapshotOptions.defaults());
            }
            for (Revision revision : source.revisions()) {
                source.upgrade(revision, connection);
                source.downgrade(revision, connection);
                source.upgrade(revision, connection);
            }
            for (int i = thenToBase ? source.revisions().size() - 1 : -1; i >= 0; i--) {
                source.downgrade(source.revisions().get(i), connection);
            }
        }
    }

    /** Revisions 1-100 create a table each; 101-200 add a column, an index and a comment to one. */
    static void generate(Path dir) throws Exception {
        for (int i = 1; i <= TABLES; i++) {
            String parent = i == 1 ? "" : ",\n    parent_id bigint REFERENCES t" + (i - 1) + " (id) ON DELETE CASCADE";
            pair(dir, i, "create t" + i,
                    "CREATE TABLE t" + i + " (\n    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
                            + "    name text NOT NULL,\n    amount numeric(12, 2) CHECK (amount >= 0),\n"
                            + "    created_at timestamptz NOT NULL DEFAULT now()" + parent + "\n);\n"
                            + "CREATE INDEX t" + i + "_name_idx ON t" + i + " (name);\n",
                    "DROP TABLE t" + i + ";\n");
        }
        for (int i = TABLES + 1; i <= REVISIONS; i++) {
            int table = i - TABLES;
            String column = "extra_" + i;
            pair(dir, i, "extend t" + table,
                    "ALTER TABLE t" + table + " ADD COLUMN " + column + " varchar(80);\n"
                            + "CREATE INDEX t" + table + "_" + column + "_idx ON t" + table + " (" + column + ");\n"
                            + "COMMENT ON COLUMN t" + table + "." + column + " IS 'added by revision " + i + "';\n",
                    "DROP INDEX t" + table + "_" + column + "_idx;\nALTER TABLE t" + table + " DROP COLUMN " + column + ";\n");
        }
    }

    private static void pair(Path dir, int version, String name, String up, String down) throws Exception {
        String base = String.format("%04d_%s", version, name.replace(' ', '_'));
        Files.writeString(dir.resolve(base + ".up.sql"), up);
        Files.writeString(dir.resolve(base + ".down.sql"), down);
    }
}
