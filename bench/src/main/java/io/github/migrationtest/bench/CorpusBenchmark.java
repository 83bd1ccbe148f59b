package io.github.migrationtest.bench;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The verifier's cost against the migrations' own on real histories (the corpus beside the clone, read
 * in place): per history, {@code psql -f} running every revision's up, down and up SQL in one session
 * on a fresh database, then the verification by default and on one database ({@code --jobs 1}), with
 * where the one-database walk's time goes. The psql script is what the verifier's own reading of the
 * history sends, written down while it runs on a scratch database, and it stops where the walk stops.
 * Run: {@code mvn -q -Pbench -pl bench -am verify -DskipTests -Dbench=CorpusBenchmark
 * [-Dcorpus.only=plume-diesel,...] [-Dcorpus.rounds=3] [-Dmigrationtest.corpus=<folder>]}
 */
public final class CorpusBenchmark {

    /** The corpus folder; by default {@code ../shared/corpus} beside the project. */
    static final String CORPUS = "migrationtest.corpus";
    static final String ONLY = "corpus.only";
    static final String ROUNDS = "corpus.rounds";
    static final String GENERATED = "generated-200";
    private static final String PSQL = "/usr/bin/psql";
    private static final Pattern HOST_PORT = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?");

    /** A history of the corpus: its folder, where its tool is pointed inside it, and the SQL its project runs first. */
    private record History(String name, String location, String prelude) {
    }

    private static final List<History> HISTORIES = List.of(
            new History("vaultwarden-diesel", "migrations/postgresql", ""),
            new History("plume-diesel", "migrations/postgres", ""),
            new History("keto-popx", ".", ""),
            new History("firefly-golang-migrate", "db/migrations/postgres", ""),
            new History("openmeter-golang-migrate", "tools/migrate/migrations", ""),
            new History("hatchet-goose", "cmd/hatchet-migrate/migrate/migrations", ""),
            new History("openlane-goose", "db/migrations-goose-postgres",
                    "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"),
            new History(GENERATED, "", ""));

    private CorpusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = corpus();
        List<String> only = List.of(System.getProperty(ONLY, "").split(",")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        int rounds = Integer.getInteger(ROUNDS, 3);
        if (!Files.isExecutable(Path.of(PSQL))) {
            System.out.println("CorpusBenchmark skipped: no psql at " + PSQL + " (apt-get install postgresql-client)");
            return;
        }
        Path temp = Files.createTempDirectory("migrationtest-bench-corpus-");
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED))) {
            List<Prepared> prepared = new ArrayList<>();
            for (History history : HISTORIES) {
                if (!only.isEmpty() && !only.contains(history.name())) {
                    continue;
                }
                Path location = history.name().equals(GENERATED) ? generated(temp)
                        : corpus.resolve(history.name()).resolve(history.location()).normalize();
                if (!Files.isDirectory(location)) {
                    System.out.println(history.name() + " skipped: not at " + location + " (the corpus lives beside the"
                            + " clone, in ../shared/corpus; set -D" + CORPUS + " to another place)");
                    continue;
                }
                prepared.add(Prepared.of(server, history, location, temp));
            }
            for (Prepared history : prepared) { // warm-up of every path, and the verdicts every round must repeat
                history.psql(server);
                history.verdicts = verdicts(history.verify(server, 1, null));
            }
            List<List<Round>> measured = new ArrayList<>();
            prepared.forEach(p -> measured.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int h = 0; h < prepared.size(); h++) {
                    measured.get(h).add(Round.measure(server, prepared.get(h)));
                }
            }
            print(server, prepared, measured, rounds);
        } finally {
            TempFolders.delete(temp);
        }
    }

    private static Path corpus() {
        String configured = System.getProperty(CORPUS);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        String project = System.getProperty("maven.multiModuleProjectDirectory", ".");
        return Path.of(project, "..", "shared", "corpus").toAbsolutePath().normalize();
    }

    private static Path generated(Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(GENERATED));
        VerifierBenchmark.generate(dir);
        return dir;
    }

    /** A history read, with its psql script written and what the walk does with it. */
    private static final class Prepared {
        final History history;
        final MigrationSource source;
        final List<Path> init;
        final Path script;
        final String walk;
        String verdicts;

        private Prepared(History history, MigrationSource source, List<Path> init, Path script, String walk) {
            this.history = history;
            this.source = source;
            this.init = init;
            this.script = script;
            this.walk = walk;
        }

        static Prepared of(PostgresServer server, History history, Path location, Path temp) throws Exception {
            MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());
            List<Path> init = history.prelude().isEmpty() ? List.of()
                    : List.of(Files.writeString(temp.resolve(history.name() + "-prelude.sql"), history.prelude()));
            PsqlScript script = new PsqlScript();
            String walk;
            try (DisposableDatabase db = server.createDatabase(); Connection connection = db.connect()) {
                prelude(connection, history);
                walk = steps(source, script.recording(connection));
            }
            Path file = Files.writeString(temp.resolve(history.name() + ".sql"), script.text());
            System.out.printf("%s: %d revisions read, %d statements in the psql script; %s%n", history.name(),
                    source.revisions().size(), script.statements(), walk);
            return new Prepared(history, source, init, file, walk);
        }

        /** Wall time of psql running the script on a fresh database, in milliseconds. */
        double psql(PostgresServer server) throws Exception {
            try (DisposableDatabase db = server.createDatabase()) {
                try (Connection connection = db.connect()) {
                    prelude(connection, history);
                }
                Matcher url = HOST_PORT.matcher(db.jdbcUrl());
                if (!url.lookingAt()) {
                    throw new IllegalStateException("cannot tell host and port from " + db.jdbcUrl());
                }
                ProcessBuilder psql = new ProcessBuilder(PSQL, "-X", "-q", "-h", url.group(1), "-p",
                        url.group(2) == null ? "5432" : url.group(2), "-U", db.user(), "-d", db.name(), "-f", script.toString());
                if (db.password() != null) {
                    psql.environment().put("PGPASSWORD", db.password());
                }
                psql.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(new File(script + ".log"));
                long started = System.nanoTime();
                int exit = psql.start().waitFor();
                double millis = (System.nanoTime() - started) / 1e6;
                if (exit != 0) {
                    throw new IllegalStateException("psql exited with " + exit + ", see " + script + ".log");
                }
                return millis;
            }
        }

        /** The same steps through the verifier's own runner over JDBC, with the change recorder installed or not. */
        double runner(PostgresServer server, boolean recorder) throws Exception {
            try (DisposableDatabase db = server.createDatabase(); Connection connection = db.connect()) {
                prelude(connection, history);
                if (recorder) {
                    IncrementalReader.start(connection, SnapshotOptions.defaults());
                }
                return Measure.onceMillis(() -> steps(source, connection));
            }
        }

        VerificationReport verify(PostgresServer server, int jobs, WalkClock clock) {
            VerifierOptions options = VerifierOptions.defaults().withInitScripts(init);
            if (jobs > 0) {
                options = options.withJobs(jobs);
            }
            return clock == null ? new Verifier(source, options).verify(server)
                    : new Verifier(source, options).verify(server, clock);
        }
    }

    /**
     * The round trips' steps as the walk runs them: the upgrade; then, when the revision has a
     * downgrade, the downgrade and, when it ran, the upgrade again. After a failed upgrade the walk stops.
     */
    private static String steps(MigrationSource source, Connection connection) {
        int brokenDowngrades = 0;
        for (Revision revision : source.revisions()) {
            try {
                source.upgrade(revision, connection);
            } catch (MigrationFailedException e) {
                return "the walk stops at the failed upgrade of " + revision.label() + ": " + e.getMessage();
            }
            if (!revision.hasDowngrade()) {
                continue;
            }
            try {
                source.downgrade(revision, connection);
                source.upgrade(revision, connection);
            } catch (MigrationFailedException e) {
                brokenDowngrades++;
            }
        }
        return "walked to head, " + brokenDowngrades + " downgrades or re-upgrades failed";
    }

    private static void prelude(Connection connection, History history) throws Exception {
        if (!history.prelude().isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(history.prelude());
            }
        }
    }

    /** One round of a history: every measure back to back, in milliseconds. */
    private record Round(double psql, double runner, double recorded, double one, double parallel,
                         WalkClock.Breakdown breakdown) {

        static Round measure(PostgresServer server, Prepared history) throws Exception {
            double psql = history.psql(server);
            double runner = history.runner(server, false);
            double recorded = history.runner(server, true);
            WalkClock clock = new WalkClock();
            long started = System.nanoTime();
            VerificationReport one = history.verify(server, 1, clock);
            long ended = System.nanoTime();
            VerificationReport[] parallel = new VerificationReport[1];
            double parallelMillis = Measure.onceMillis(() -> parallel[0] = history.verify(server, 0, null));
            for (VerificationReport report : List.of(one, parallel[0])) {
                String verdicts = verdicts(report);
                if (!verdicts.equals(history.verdicts)) {
                    throw new IllegalStateException(history.history.name() + ": the verdicts changed between runs or"
                            + " modes\nfirst:\n" + history.verdicts + "\nnow:\n" + verdicts);
                }
            }
            return new Round(psql, runner, recorded, (ended - started) / 1e6, parallelMillis,
                    clock.breakdown(one, history.source.revisions(), ended));
        }
    }

    /** Every check's outcome, history-wide and per revision, one line each. */
    private static String verdicts(VerificationReport report) {
        StringBuilder text = new StringBuilder();
        for (CheckResult result : report.historyChecks()) {
            text.append(result.check()).append(' ').append(result.outcome()).append('\n');
        }
        for (RevisionReport revision : report.revisions()) {
            text.append(revision.id());
            revision.checks().values().forEach(r -> text.append(' ').append(r.check()).append('=').append(r.outcome()));
            text.append('\n');
        }
        return text.toString();
    }

    private static void print(PostgresServer server, List<Prepared> prepared, List<List<Round>> measured, int rounds) {
        System.out.printf("%nReal histories on embedded Postgres %d, median of %d rounds (ratios: median of the rounds'"
                + " own ratios, each round's in brackets)%n%n", server.majorVersion(), rounds);
        System.out.println("| history | revisions | psql ms | runner ms | + recorder ms | --jobs 1 ms | default ms"
                + " | --jobs 1 / psql | default / psql |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int h = 0; h < prepared.size(); h++) {
            List<Round> r = measured.get(h);
            System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s |%n", prepared.get(h).history.name(),
                    prepared.get(h).source.revisions().size(), median(r, Round::psql), median(r, Round::runner),
                    median(r, Round::recorded), median(r, Round::one), median(r, Round::parallel),
                    ratio(r, x -> x.one() / x.psql()), ratio(r, x -> x.parallel() / x.psql()));
        }
        System.out.println("\nWhere the one-database walk's time goes (--jobs 1, median ms of the rounds)\n");
        System.out.println("| history | SQL | snapshots | compare, rest | recovery (count) | checkpoints | full downgrade"
                + " | start | end | walk total |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int h = 0; h < prepared.size(); h++) {
            List<Round> r = measured.get(h);
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f (%d) | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                    prepared.get(h).history.name(), median(r, x -> x.breakdown().sql()),
                    median(r, x -> x.breakdown().snapshots()), median(r, x -> x.breakdown().compare()),
                    median(r, x -> x.breakdown().recovery()), r.get(0).breakdown().recoveries(),
                    median(r, x -> x.breakdown().checkpoints()), median(r, x -> x.breakdown().fullDowngrade()),
                    median(r, x -> x.breakdown().startUp()), median(r, x -> x.breakdown().end()), median(r, Round::one));
        }
        System.out.println();
        prepared.forEach(p -> System.out.println(p.history.name() + ": " + p.walk));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> measure) {
        double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
        return values[values.length / 2];
    }

    private static String ratio(List<Round> rounds, ToDoubleFunction<Round> measure) {
        return String.format("%.2fx (%s)", median(rounds, measure), rounds.stream()
                .map(r -> String.format("%.2f", measure.applyAsDouble(r))).collect(Collectors.joining(", ")));
    }
}
