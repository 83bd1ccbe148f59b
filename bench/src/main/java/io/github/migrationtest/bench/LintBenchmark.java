package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the schema lint at head costs: per history, the lint's own time against the rest of the same
 * verification (immune to the machine's drift between runs), and a verification with it against one
 * with {@code --no-lint}, alternated within each round. The generated history and, by default, two
 * corpus histories (a small and the largest schema).
 *
 * <p>Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=LintBenchmark
 * [-Dcorpus.only=generated-200,plume-diesel,openlane-goose] [-Dcorpus.rounds=3]}
 */
public final class LintBenchmark {

    private static final String DEFAULT = CorpusBenchmark.GENERATED + ",plume-diesel,openlane-goose";

    private LintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> only = Arrays.stream(System.getProperty(CorpusBenchmark.ONLY, DEFAULT).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        int rounds = Integer.getInteger(CorpusBenchmark.ROUNDS, 3);
        Path temp = Files.createTempDirectory("migrationtest-bench-lint-");
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
            System.out.printf("%n## Schema lint at head: cost (Postgres %d, --jobs 1, median of %d rounds)%n%n",
                    server.majorVersion(), rounds);
            System.out.println("| history | revisions | lint ms | lint / rest of the verification, in-run (each round)"
                    + " | with lint / --no-lint (each round) | findings |");
            System.out.println("|---|---|---|---|---|---|");
            for (CorpusBenchmark.History history : CorpusBenchmark.HISTORIES.stream()
                    .filter(h -> only.contains(h.name())).toList()) {
                List<Path> init = history.prelude().isEmpty() ? List.of()
                        : List.of(Files.writeString(temp.resolve(history.name() + "-prelude.sql"), history.prelude()));
                try (MigrationSource source = MigrationSources.open(CorpusBenchmark.location(history, temp),
                        history.options())) {
                    measure(server, history.name(), source, init, rounds);
                }
            }
        } finally {
            TempFolders.delete(temp);
        }
    }

    private static void measure(PostgresServer server, String name, MigrationSource source, List<Path> init,
                                int rounds) throws Exception {
        VerifierOptions linted = VerifierOptions.defaults().withJobs(1).withInitScripts(init);
        VerifierOptions unlinted = linted.withSafety(SafetyOptions.defaults().withLint(false));
        VerificationReport report = new Verifier(source, linted).verify(server); // warm-up, and the findings
        double[] lintMs = new double[rounds];
        double[] share = new double[rounds];
        double[] wall = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            VerificationReport[] on = new VerificationReport[1];
            double onMs = Measure.onceMillis(() -> on[0] = new Verifier(source, linted).verify(server));
            double offMs = Measure.onceMillis(() -> new Verifier(source, unlinted).verify(server));
            double lint = on[0].lint().time().toNanos();
            lintMs[i] = lint / 1e6;
            share[i] = lint / (on[0].total().toNanos() - lint);
            wall[i] = onMs / offMs;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f%% (%s) | %.3f× (%s) | %s |%n", name,
                report.revisions().size(), median(lintMs), 100 * median(share), each(share, 100, "%.1f%%"),
                median(wall), each(wall, 1, "%.3f"), report.lint().skipped().isEmpty()
                        ? report.lint().findings().size() + " findings" : report.lint().skipped());
    }

    private static String each(double[] values, double scale, String format) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, scale * v)).toList());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
