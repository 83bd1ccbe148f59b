package io.github.migrationtest.verifier.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.corpus.IndependentRoundTrips.Verdict;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.alembic.AlembicPython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SQL, Liquibase and Alembic history of the corpus is read whole and verified, and every round trip
 * the verifier fails is checked with {@code pg_dump} on the same server: a failure {@code pg_dump}
 * does not confirm is a false alarm, and there must be none. A sample of passed round trips is
 * checked the same way, so the second opinion is shown to see differences at all. The agreement
 * of each history is written to {@code target/corpus/agreement.md} (CORPUS.md quotes it).
 */
class CorpusAgreementTest {

    /** Passed round trips checked per history, spread over the history. */
    private static final int PASSES_SAMPLED = 12;
    private static final Path AGREEMENT = Path.of("target", "corpus", "agreement.md");

    static final String ONLY = "migrationtest.corpus.only";

    private static PostgresServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws IOException {
        server = LocalPostgres.start();
        Files.createDirectories(AGREEMENT.getParent());
        Files.writeString(AGREEMENT, "| history | revisions read | no downgrade (tool refuses too) | round trips failed"
                + " | confirmed by pg_dump | false alarms | passes sampled | passes confirmed | not reached | seconds |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** All of them, or those named in {@value #ONLY} (comma-separated), to iterate on one. */
    static List<CorpusHistory> histories() {
        String only = System.getProperty(ONLY, "");
        return CorpusHistory.all().stream()
                .filter(h -> only.isBlank() || List.of(only.split(",")).contains(h.name()))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void every_failed_round_trip_is_confirmed_by_pg_dump(CorpusHistory history) throws IOException, SQLException {
        Path location = Corpus.path(history.name(), history.location());
        List<Path> init = prelude(history);
        try (MigrationSource source = MigrationSources.open(location, options(history))) {
            verifyAndConfirm(history, source, init);
        }
    }

    /** How the history's tool is run: an Alembic history in the tests' Python, with the env.py its SOURCE.md asks for. */
    private static SourceOptions options(CorpusHistory history) {
        if (!history.isAlembic()) {
            return SourceOptions.defaults();
        }
        return SourceOptions.defaults().withAlembicPython(AlembicPython.interpreter())
                .withAlembicEnv(history.alembicEnv().isEmpty() ? null : history.alembicEnv());
    }

    private void verifyAndConfirm(CorpusHistory history, MigrationSource source, List<Path> init) throws IOException, SQLException {
        assertThat(source.findings()).filteredOn(HistoryFinding::isError).isEmpty();
        assertThat(source.revisions()).hasSize(history.revisions());

        long started = System.nanoTime();
        VerificationReport report = new Verifier(source, VerifierOptions.defaults().withInitScripts(init)).verify(server);
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<Integer, Claim> claims = claims(report);
        Map<Integer, Verdict> verdicts = new IndependentRoundTrips(server, source, init).check(claims.keySet());

        List<String> falseAlarms = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int failed = 0;
        int missing = 0;
        int passes = 0;
        for (Map.Entry<Integer, Claim> entry : claims.entrySet()) {
            Claim claim = entry.getValue();
            Verdict verdict = verdicts.get(entry.getKey());
            String id = report.revisions().get(entry.getKey()).label();
            assertThat(verdict).as("pg_dump's walk reached revision %s", id).isNotNull();
            if (claim == Claim.PASSES) {
                passes++;
                if (!verdict.reupgradeReproduces()) {
                    missed.add(id + "\n" + verdict);
                }
            } else {
                if (claim == Claim.NO_DOWNGRADE) {
                    missing++;
                } else {
                    failed++;
                }
                if (!claim.confirmedBy(verdict)) {
                    falseAlarms.add(id + " (" + claim + ")\n" + verdict);
                }
            }
        }
        long notReached = report.revisions().stream()
                .filter(r -> r.result(Check.UPGRADES_APPLY).map(c -> c.outcome() == Outcome.NOT_REACHED).orElse(false))
                .count();
        Files.writeString(AGREEMENT, String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
                history.name(), source.revisions().size(), missing, failed, failed + missing - falseAlarms.size(),
                falseAlarms.size(),
                passes, passes - missed.size(), notReached, seconds), StandardOpenOption.APPEND);

        assertThat(falseAlarms).as("round trips the verifier failed but pg_dump finds sound").isEmpty();
        assertThat(failed).as("broken round trips found (CORPUS.md lists them)").isEqualTo(history.brokenRoundTrips());
        assertThat(missing).as("revisions without a downgrade (CORPUS.md lists them)").isEqualTo(history.withoutDowngrade());
        assertThat(missed).as("round trips the verifier passed but pg_dump finds broken").isEmpty();
        assertUpgradesApplyUnlessUnavailable(history, report);
    }

    /** What the verifier claims of a revision's round trip. */
    private enum Claim {
        PASSES,
        /** No downgrade to run: the tool itself refuses (Liquibase cannot generate the rollback, no down file). */
        NO_DOWNGRADE,
        DOWNGRADE_FAILS,
        DOWNGRADE_DOES_NOT_RESTORE,
        REUPGRADE_FAILS_OR_DIFFERS;

        boolean confirmedBy(Verdict verdict) {
            return switch (this) {
                case PASSES -> verdict.reupgradeReproduces();
                case NO_DOWNGRADE, DOWNGRADE_FAILS -> verdict.downgradeError().isPresent();
                case DOWNGRADE_DOES_NOT_RESTORE -> verdict.downgradeError().isEmpty() && !verdict.downgradeRestores();
                case REUPGRADE_FAILS_OR_DIFFERS -> verdict.downgradeRestores() && !verdict.reupgradeReproduces();
            };
        }
    }

    /** By position in the history: every failed round trip, and passed ones spread over the history. */
    private static Map<Integer, Claim> claims(VerificationReport report) {
        Map<Integer, Claim> claims = new TreeMap<>();
        List<Integer> passed = new ArrayList<>();
        for (int position = 0; position < report.revisions().size(); position++) {
            RevisionReport revision = report.revisions().get(position);
            Optional<CheckResult> down = revision.result(Check.DOWNGRADE_RESTORES_SCHEMA);
            Optional<CheckResult> reup = revision.result(Check.REUPGRADE_REPRODUCES_SCHEMA);
            if (down.isEmpty() || down.get().outcome() == Outcome.SKIPPED || down.get().outcome() == Outcome.NOT_REACHED) {
                continue;
            }
            if (down.get().isFailed()) {
                claims.put(position, down.get().error().isPresent() ? Claim.DOWNGRADE_FAILS
                        : down.get().differences().isEmpty() ? Claim.NO_DOWNGRADE : Claim.DOWNGRADE_DOES_NOT_RESTORE);
            } else if (reup.isPresent() && reup.get().isFailed()) {
                claims.put(position, Claim.REUPGRADE_FAILS_OR_DIFFERS);
            } else {
                passed.add(position);
            }
        }
        int step = Math.max(1, passed.size() / PASSES_SAMPLED);
        for (int i = 0; i < passed.size(); i += step) {
            claims.put(passed.get(i), Claim.PASSES);
        }
        return claims;
    }

    private static void assertUpgradesApplyUnlessUnavailable(CorpusHistory history, VerificationReport report) {
        List<String> upgradeFailures = report.revisions().stream()
                .flatMap(r -> r.result(Check.UPGRADES_APPLY).filter(CheckResult::isFailed).stream()
                        .map(c -> r.id() + ": " + c.reason() + c.error().map(e -> " " + e.location() + ": " + e.message()).orElse("")))
                .toList();
        if (history.unavailable().isEmpty()) {
            assertThat(upgradeFailures).as("upgrades that failed").isEmpty();
        } else {
            assertThat(upgradeFailures).as("the one upgrade that needs what this machine lacks").singleElement()
                    .asString().contains(history.unavailable());
        }
    }

    private List<Path> prelude(CorpusHistory history) throws IOException {
        if (history.prelude().isEmpty()) {
            return List.of();
        }
        return List.of(Files.writeString(temp.resolve(history.name() + "-prelude.sql"), history.prelude()));
    }
}
