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
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * A history of the corpus: its folder, where its tool is pointed inside it, the SQL its project runs
     * first, and how it is read (an Alembic history: which Python, which env.py).
     */
    record History(String name, String location, String prelude, SourceOptions options) {
        History(String name, String location, String prelude) {
            this(name, location, prelude, SourceOptions.defaults());
        }

        /** An Alembic history, run in the Python that {@code migrationtest.alembic.python} names. */
        static History alembic(String name, String prelude, String env) {
            return new History(name, ".", prelude, SourceOptions.defaults().withType(SourceType.ALEMBIC)
                    .withAlembicPython(AlembicSettings.fromEnvironment(AlembicSettings.PYTHON_KEY).orElse(null))
                    .withAlembicEnv(env));
        }

        /** Alembic's steps run in Python: there is no SQL script for psql, and the base is Alembic's own steps. */
        boolean python() {
            return options.type() == SourceType.ALEMBIC;
        }
    }

    static final List<History> HISTORIES = List.of(
            new History("vaultwarden-diesel", "migrations/postgresql", ""),
            new History("plume-diesel", "migrations/postgres", ""),
            new History("keto-popx", ".", ""),
            new History("firefly-golang-migrate", "db/migrations/postgres", ""),
            new History("openmeter-golang-migrate", "tools/migrate/migrations", ""),
            new History("hatchet-goose", "cmd/hatchet-migrate/migrate/migrations", ""),
            new History("openlane-goose", "db/migrations-goose-postgres",
                    "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\n"),
            History.alembic("wazo-auth-alembic", "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n", null),
            History.alembic("ckan-alembic", "", SourceOptions.AlembicOptions.MINIMAL_ENV),
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
                Path location = location(history, temp);
                if (!Files.isDirectory(location)) {
                    System.out.println(history.name() + " skipped: not at " + location + " (the corpus lives beside the"
                            + " clone, in ../shared/corpus; set -D" + CORPUS + " to another place)");
                    continue;
                }
                MigrationSource source;
                try {
                    source = MigrationSources.open(location, history.options());
                } catch (RuntimeException e) {
                    if (!history.python()) {
                        throw e;
                    }
                    // Usually a Python without Alembic: the SQL histories are still worth their numbers.
                    System.out.println(history.name() + " skipped: " + e.getMessage() + " (MIGRATIONTEST_ALEMBIC_PYTHON"
                            + " names the interpreter)");
                    continue;
                }
                if (source.revisions().isEmpty()) {
                    System.out.println(history.name() + " skipped: no revisions read at " + location);
                    continue;
                }
                prepared.add(Prepared.of(server, history, source, temp));
            }
            for (Prepared history : prepared) { // warm-up
                if (!history.history.python()) {
                    history.psql(server);
                }
            }
            List<List<Round>> measured = new ArrayList<>();
            prepared.forEach(p -> measured.add(new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int h = 0; h < prepared.size(); h++) {
                    measured.get(h).add(Round.measure(server, prepared.get(h)));
                }
            }
            print(server, prepared, measured, rounds);
            System.out.println("\nSnapshots on each history's head schema (median ms of " + 15 + " reads)\n");
            System.out.println("| history | schema (public) | whole read | partial, nothing changed | partial, one table changed |");
            System.out.println("|---|---|---|---|---|");
            for (Prepared history : prepared) {
                try (DisposableDatabase db = history.upgradedTo(server, history.source.revisions().size() - 1);
                     Connection connection = db.connect()) {
                    SnapshotCosts.Costs costs = SnapshotCosts.measure(connection);
                    System.out.printf("| %s | %s | %.1f | %.1f | %.1f |%n", history.history.name(), costs.objects(),
                            costs.whole(), costs.nothingChanged(), costs.oneTable());
                } catch (MigrationFailedException e) {
                    System.out.println("| " + history.history.name() + " | head not reached: " + e.getMessage() + " | | | |");
                }
            }
            prepared.forEach(Prepared::close);
        } finally {
            TempFolders.delete(temp);
        }
    }

    static Path corpus() {
        String configured = System.getProperty(CORPUS);
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        String project = System.getProperty("maven.multiModuleProjectDirectory", ".");
        return Path.of(project, "..", "shared", "corpus").toAbsolutePath().normalize();
    }

    /** Where the history is: in the corpus, or generated into {@code temp}. */
    static Path location(History history, Path temp) throws Exception {
        return history.name().equals(GENERATED) ? generated(temp)
                : corpus().resolve(history.name()).resolve(history.location()).normalize();
    }

    private static Path generated(Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve(GENERATED));
        VerifierBenchmark.generate(dir);
        return dir;
    }

    /**
     * A history read, with what the walk does with it: where a round trip leaves the state wrong the
     * walk rebuilds it (from a checkpoint, by upgrades), and every pass here goes on from a database
     * in that state, made before the timing (psql: {@code \connect}), so that each runs the SQL the
     * walk runs, on the same states.
     */
    private static final class Prepared {
        final History history;
        final MigrationSource source;
        final List<Path> init;
        /** Per revision after which the walk rebuilds the state: a database in that state, cloned by each pass. */
        final Map<Integer, DisposableDatabase> rebuilt = new TreeMap<>();
        /** The server's major, which decides which round trips the walk runs in a transaction it rolls back. */
        int serverMajor;
        final String verdicts;
        Path script;
        String walk;

        private Prepared(History history, MigrationSource source, List<Path> init, String verdicts) {
            this.history = history;
            this.source = source;
            this.init = init;
            this.verdicts = verdicts;
        }

        static Prepared of(PostgresServer server, History history, MigrationSource source, Path temp) throws Exception {
            List<Path> init = history.prelude().isEmpty() ? List.of()
                    : List.of(Files.writeString(temp.resolve(history.name() + "-prelude.sql"), history.prelude()));
            VerifierOptions options = VerifierOptions.defaults().withInitScripts(init).withJobs(1);
            VerificationReport report = new Verifier(source, options).verify(server); // also the warm-up
            Prepared prepared = new Prepared(history, source, init, verdicts(report));
            prepared.serverMajor = server.majorVersion();
            for (int i = 0; i < report.revisions().size(); i++) {
                if (WalkClock.leftStateWrong(report.revisions().get(i), source.revisions().get(i))
                        && !prepared.rolledBack(source.revisions().get(i))) {
                    prepared.rebuilt.put(i, prepared.upgradedTo(server, i));
                }
            }
            PsqlScript script = new PsqlScript();
            List<DisposableDatabase> clones = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            try (DisposableDatabase db = server.createDatabase(); Connection connection = db.connect()) {
                prepared.connectsAs(db);
                prelude(connection, history);
                prepared.walk = prepared.steps(script.recording(connection), i -> {
                    script.reconnect("rebuilt" + i);
                    clones.add(server.createDatabaseFrom(prepared.rebuilt.get(i)));
                    connections.add(clones.get(clones.size() - 1).connect());
                    return script.recording(connections.get(connections.size() - 1));
                });
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
                clones.forEach(DisposableDatabase::close);
            }
            prepared.script = Files.writeString(temp.resolve(history.name() + ".sql"), script.text());
            System.out.printf("%s: %d revisions read, %d statements in the psql script; %s%n", history.name(),
                    source.revisions().size(), script.statements(), prepared.walk);
            return prepared;
        }

        /**
         * Steps run here on the bench's own connections, as {@code db}'s user: a source that connects by itself
         * (Alembic) is given that user's password, which a verification replaced with its migrations role's.
         */
        private void connectsAs(DisposableDatabase db) {
            source.usePassword(db.password());
        }

        /** A database brought to the state after {@code revisions[index]} by upgrades, as the walk rebuilds it. */
        private DisposableDatabase upgradedTo(PostgresServer server, int index) throws Exception {
            DisposableDatabase db = server.createDatabase();
            connectsAs(db);
            try (Connection connection = db.connect()) {
                prelude(connection, history);
                for (int i = 0; i <= index; i++) {
                    source.upgrade(source.revisions().get(i), connection);
                }
            }
            return db;
        }

        /** Wall time of psql running the script on a fresh database, in milliseconds. */
        double psql(PostgresServer server) throws Exception {
            List<DisposableDatabase> databases = new ArrayList<>();
            try (DisposableDatabase db = server.createDatabase()) {
                try (Connection connection = db.connect()) {
                    prelude(connection, history);
                }
                Matcher url = HOST_PORT.matcher(db.jdbcUrl());
                if (!url.lookingAt()) {
                    throw new IllegalStateException("cannot tell host and port from " + db.jdbcUrl());
                }
                List<String> command = new ArrayList<>(List.of(PSQL, "-X", "-q", "-h", url.group(1), "-p",
                        url.group(2) == null ? "5432" : url.group(2), "-U", db.user(), "-d", db.name(), "-f", script.toString()));
                for (Map.Entry<Integer, DisposableDatabase> state : rebuilt.entrySet()) {
                    databases.add(server.createDatabaseFrom(state.getValue()));
                    command.addAll(List.of("-v", "rebuilt" + state.getKey() + "=" + databases.get(databases.size() - 1).name()));
                }
                ProcessBuilder psql = new ProcessBuilder(command);
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
            } finally {
                databases.forEach(DisposableDatabase::close);
            }
        }

        /** The same steps through the verifier's own runner over JDBC, with the change recorder installed or not. */
        double runner(PostgresServer server, boolean recorder) throws Exception {
            List<DisposableDatabase> databases = new ArrayList<>();
            List<Connection> connections = new ArrayList<>();
            try {
                databases.add(server.createDatabase());
                for (DisposableDatabase state : rebuilt.values()) {
                    databases.add(server.createDatabaseFrom(state));
                }
                for (DisposableDatabase db : databases) {
                    try (Connection connection = db.connect()) {
                        if (db == databases.get(0)) {
                            prelude(connection, history);
                        }
                        if (recorder) {
                            IncrementalReader.start(connection, SnapshotOptions.defaults());
                        }
                    }
                }
                connectsAs(databases.get(0));
                connections.add(databases.get(0).connect());
                List<Integer> at = new ArrayList<>(rebuilt.keySet());
                return Measure.onceMillis(() -> steps(connections.get(0), i -> {
                    connections.add(databases.get(1 + at.indexOf(i)).connect());
                    return connections.get(connections.size() - 1);
                }));
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
                databases.forEach(DisposableDatabase::close);
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

        /**
         * The round trips' steps as the walk runs them: the upgrade; then, when the revision has a
         * downgrade, the downgrade and, when it ran, the upgrade again; after a round trip that left
         * the state wrong, on in the rebuilt state. After a failed upgrade the walk stops.
         */
        String steps(Connection first, Rebuilt next) throws Exception {
            Connection connection = first;
            int broken = 0;
            for (int i = 0; i < source.revisions().size(); i++) {
                Revision revision = source.revisions().get(i);
                try {
                    source.upgrade(revision, connection);
                } catch (MigrationFailedException e) {
                    return "the walk stops at the failed upgrade of " + revision.label() + ": " + e.getMessage();
                }
                if (rolledBack(revision)) {
                    connection.setAutoCommit(false);
                    try {
                        source.runUncommitted(revision, Direction.DOWN, connection);
                        source.runUncommitted(revision, Direction.UP, connection);
                    } catch (MigrationFailedException e) {
                        broken++;
                    } finally {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                } else if (revision.hasDowngrade()) {
                    try {
                        source.downgrade(revision, connection);
                        source.upgrade(revision, connection);
                    } catch (MigrationFailedException e) {
                        broken++;
                    }
                }
                if (rebuilt.containsKey(i)) {
                    connection = next.at(i);
                }
            }
            return "walked to head; " + broken + " downgrades or re-upgrades failed, " + rebuilt.size()
                    + " round trips left the state wrong (the walk rebuilds it)";
        }

        /**
         * Whether the walk checks the revision's round trip in a transaction it rolls back, so that it rebuilds
         * nothing after it: the passes here do the same (psql: {@code BEGIN}, down, up, {@code ROLLBACK}), instead of
         * going on in a database made in the right state, which costs psql a {@code \connect} the walk does not pay.
         * As the walk decides it from the source; the walk also commits where the database holds a deferrable
         * constraint, which none of these histories makes.
         */
        boolean rolledBack(Revision revision) {
            return revision.hasDowngrade() && source.whyNotUncommitted(revision, serverMajor).isEmpty();
        }

        void close() {
            rebuilt.values().forEach(DisposableDatabase::close);
        }
    }

    /** A connection to the state the walk rebuilds after the revision at an index. */
    private interface Rebuilt {
        Connection at(int index) throws Exception;
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
            double psql = history.history.python() ? Double.NaN : history.psql(server);
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
            // Alembic's steps run in Python and send no SQL psql could replay: their base is the same steps
            // run by Alembic itself, one revision at a time in one process, without the verification.
            boolean python = prepared.get(h).history.python();
            ToDoubleFunction<Round> base = python ? Round::runner : Round::psql;
            String suffix = python ? " of runner" : "";
            System.out.printf("| %s | %d | %s | %.0f | %.0f | %.0f | %.0f | %s%s | %s%s |%n", prepared.get(h).history.name(),
                    prepared.get(h).source.revisions().size(), python ? "n/a" : String.format("%.0f", median(r, Round::psql)),
                    median(r, Round::runner), median(r, Round::recorded), median(r, Round::one), median(r, Round::parallel),
                    ratio(r, x -> x.one() / base.applyAsDouble(x)), suffix, ratio(r, x -> x.parallel() / base.applyAsDouble(x)), suffix);
        }
        System.out.println("\nWhere the one-database walk's time goes (--jobs 1, median ms of the rounds)\n");
        System.out.println("| history | SQL | snapshots | safety | compare, rest | rebuilds after broken round trips (broken)"
                + " | checkpoints | full downgrade | start | end | walk total |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int h = 0; h < prepared.size(); h++) {
            List<Round> r = measured.get(h);
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f | %.0f (%d) | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                    prepared.get(h).history.name(), median(r, x -> x.breakdown().sql()),
                    median(r, x -> x.breakdown().snapshots()), median(r, x -> x.breakdown().safety()),
                    median(r, x -> x.breakdown().compare()),
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
