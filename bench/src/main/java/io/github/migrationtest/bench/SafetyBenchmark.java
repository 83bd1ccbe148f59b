package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.safety.Finding;
import io.github.migrationtest.verifier.safety.SafetyFinding;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What measuring safety costs, and what it finds: each SQL history of the corpus and the generated
 * 200-revision history verified on one database ({@code --jobs 1}) with safety measured and with
 * {@code --no-safety}, alternated, in rounds; the ratio is the median of the rounds' own ratios. Then
 * the findings of one verification, per kind and direction.
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=SafetyBenchmark [-Dcorpus.only=...]
 * [-Dcorpus.rounds=3]}
 */
public final class SafetyBenchmark {

    private SafetyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = CorpusBenchmark.corpus();
        List<String> only = List.of(System.getProperty(CorpusBenchmark.ONLY, "").split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        int rounds = Integer.getInteger(CorpusBenchmark.ROUNDS, 3);
        Path temp = Files.createTempDirectory("migrationtest-bench-safety-");
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
            System.out.printf("%n## Safety measurement: cost and findings (Postgres %d, --jobs 1, median of %d rounds)%n%n",
                    server.majorVersion(), rounds);
            System.out.println("| history | revisions | with safety ms | --no-safety ms | ratio (each round)"
                    + " | measuring / the rest, in-run (each round) | findings |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (CorpusBenchmark.History history : CorpusBenchmark.HISTORIES) {
                // Alembic's statements run in Python: only their schema diffs would be measured.
                if (history.python() || !only.isEmpty() && !only.contains(history.name())) {
                    continue;
                }
                Path location;
                if (history.name().equals(CorpusBenchmark.GENERATED)) {
                    location = Files.createDirectories(temp.resolve(history.name()));
                    VerifierBenchmark.generate(location);
                } else {
                    location = corpus.resolve(history.name()).resolve(history.location());
                    if (!Files.isDirectory(location)) {
                        System.out.println("| " + history.name() + " | skipped: no " + location + " |");
                        continue;
                    }
                }
                List<Path> init = new ArrayList<>();
                if (!history.prelude().isEmpty()) {
                    Path prelude = temp.resolve(history.name() + "-prelude.sql");
                    Files.writeString(prelude, history.prelude());
                    init.add(prelude);
                }
                measure(server, history.name(), MigrationSources.open(location, history.options()), init, rounds);
            }
        } finally {
            TempFolders.delete(temp);
        }
    }

    private static void measure(PostgresServer server, String name, MigrationSource source, List<Path> init,
                                int rounds) throws Exception {
        VerifierOptions measured = VerifierOptions.defaults().withJobs(1).withInitScripts(init);
        VerifierOptions skipped = measured.withSafety(SafetyOptions.defaults().withMeasure(false));
        VerificationReport report = new Verifier(source, measured).verify(server); // warm-up, and the findings
        new Verifier(source, skipped).verify(server);
        List<double[]> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            // Alternated within a round, so drift of the machine's speed hits both alike. The in-run share
            // (the report's measuring time against the rest of the same verification) is immune to drift
            // between runs, which on a shared machine swamps the difference of two runs.
            VerificationReport[] on = new VerificationReport[1];
            double onMs = Measure.onceMillis(() -> on[0] = new Verifier(source, measured).verify(server));
            double offMs = Measure.onceMillis(() -> new Verifier(source, skipped).verify(server));
            double measuring = on[0].safetyTime().toNanos();
            times.add(new double[] {onMs, offMs, onMs / offMs, measuring / (on[0].total().toNanos() - measuring)});
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.3f× (%s) | %.1f%% (%s) | %s |%n", name,
                report.revisions().size(), median(times, 0), median(times, 1), median(times, 2), each(times, 2, 1, "%.3f"),
                100 * median(times, 3), each(times, 3, 100, "%.1f%%"), findings(report));
    }

    private static String each(List<double[]> times, int column, double scale, String format) {
        return times.stream().map(t -> String.format(Locale.ROOT, format, scale * t[column]))
                .collect(Collectors.joining(", "));
    }

    private static double median(List<double[]> times, int column) {
        double[] values = times.stream().mapToDouble(t -> t[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** "TABLE_REWRITE 3 up / 1 down, ...". */
    private static String findings(VerificationReport report) {
        Map<Finding, int[]> counts = new EnumMap<>(Finding.class);
        for (var revision : report.revisions()) {
            for (SafetyFinding found : revision.safety()) {
                counts.computeIfAbsent(found.finding(), f -> new int[2])[found.direction() == Direction.UP ? 0 : 1]++;
            }
        }
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey().name() + " " + e.getValue()[0] + " up / " + e.getValue()[1] + " down")
                .collect(Collectors.joining(", "));
    }
}
