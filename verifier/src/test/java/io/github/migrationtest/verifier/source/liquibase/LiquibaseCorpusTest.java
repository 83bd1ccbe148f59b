package io.github.migrationtest.verifier.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.corpus.Corpus;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.source.DelegatingSource;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two real Liquibase histories of the corpus, read in place: every changeset, in the order Liquibase
 * runs them, and the round trips that fail, each for a reason read off the changeset itself.
 */
class LiquibaseCorpusTest {

    /** What both projects' own test changelogs run first (see their SOURCE.md). */
    private static final String PRELUDE = """
            CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
            CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "pg_catalog";
            """;
    private static final Pattern FORMATTED_SQL_CHANGESET = Pattern.compile("(?m)^--\\s*changeset\\s+([^:\\s]+):(\\S+)");
    private static final Pattern XML_CHANGESET = Pattern.compile("<changeSet\\b[^>]*?\\bid=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private VerifierOptions withPrelude() throws IOException {
        return VerifierOptions.defaults().withInitScripts(List.of(Files.writeString(dir.resolve("prelude.sql"), PRELUDE)));
    }

    @Test
    void pay_products_reads_all_52_changesets_of_its_include_all_in_file_name_order() throws IOException {
        Path changelog = Corpus.path("pay-products-liquibase", "src/main/resources/migrations.xml");

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.type()).isEqualTo(SourceType.LIQUIBASE);
        assertThat(source.findings()).extracting(HistoryFinding::kind).containsOnly(HistoryFinding.Kind.MISSING_DOWNGRADE);
        assertThat(source.findings()).hasSize(16);
        // The oracle: the folder's files by name (as includeAll sorts them), the changesets of each in file order.
        List<String> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(changelog.resolveSibling("migrations"))) {
            for (Path file : files.sorted().toList()) {
                Matcher changeSet = FORMATTED_SQL_CHANGESET.matcher(Files.readString(file));
                while (changeSet.find()) {
                    expected.add("migrations/" + file.getFileName() + "::" + changeSet.group(2));
                }
            }
        }
        List<ChangeSetUnit> units = ((LiquibaseSource) source).units();
        assertThat(units).extracting(u -> u.last().filePath() + "::" + u.last().id()).containsExactlyElementsOf(expected);
        assertThat(source.revisions()).hasSize(52).extracting(Revision::id).doesNotHaveDuplicates()
                .contains("migrations/00010_add_column_amount_to_payments.sql::add_column_amount_on_payments::uk.gov.pay",
                        "migrations/00034_add_column_version_to_products_metadata.sql::add_column_amount_on_payments::uk.gov.pay",
                        "migrations/00037_create_table_to_test_concourse_db_migration.sql::test_concourse_db_migration::uk.gov.pay",
                        "migrations/00038_drop_test_concourse_db_migration.sql::test_concourse_db_migration::uk.gov.pay");
    }

    @Test
    void pay_products_fails_the_round_trips_whose_rollback_is_not_postgres_or_missing() throws IOException {
        Path changelog = Corpus.path("pay-products-liquibase", "src/main/resources/migrations.xml");
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        var report = new Verifier(source, withPrelude()).verify(PostgresServer.shared());

        assertThat(report.results()).filteredOn(r -> r.check() == Check.UPGRADES_APPLY).extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
        Map<String, String> failed = failedDowngrades(report.revisions());
        // Rollbacks in MySQL's syntax: DROP INDEX ... ON table, ALTER TABLE ... DROP UNIQUE (...).
        assertThat(withReason(failed, "syntax error")).hasSize(7)
                .contains("add_products_status_index", "add_index_to_gateway_account_id_on_products",
                        "add_two_column_unique_constraint_on_payments", "add_unique_constraint_on_friendly_url");
        // No --rollback and raw SQL, which Liquibase cannot reverse: the 16 changesets SOURCE.md counts.
        assertThat(withReason(failed, "Liquibase cannot generate a rollback")).hasSize(16);
        assertThat(failed).hasSize(23);
        assertThat(report.revision("create_procedure_check_and_execute")).get()
                .satisfies(r -> assertThat(r.result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                        .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED));
    }

    @Test
    void pay_connector_reads_all_242_changesets_in_file_order_with_the_seed_data_beside_them() throws IOException {
        Path changelog = Corpus.path("pay-connector-liquibase", "src/main/resources/migrations.xml");

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        Matcher changeSet = XML_CHANGESET.matcher(Files.readString(changelog));
        List<String> expected = new ArrayList<>();
        while (changeSet.find()) {
            expected.add(changeSet.group(1));
        }
        assertThat(expected).hasSize(242);
        assertThat(source.revisions()).extracting(Revision::id).containsExactlyElementsOf(expected).doesNotHaveDuplicates();
        Map<String, Long> missingRollbacks = source.findings().stream()
                .peek(f -> assertThat(f.kind()).isEqualTo(HistoryFinding.Kind.MISSING_DOWNGRADE))
                .collect(Collectors.groupingBy(f -> f.message().replaceAll(".*\\((.*)\\)$", "$1"), TreeMap::new, Collectors.counting()));
        assertThat(missingRollbacks).containsEntry("sql", 31L).containsEntry("update", 14L).containsEntry("dropColumn", 11L)
                .containsEntry("loadData", 1L).containsEntry("createProcedure", 1L);
        assertThat(source.findings()).hasSize(72);
    }

    @Test
    void pay_connector_first_80_changesets_round_trip_with_seed_data_and_concurrent_indexes() throws IOException {
        // Liquibase makes a full walk take about a minute: the slice holds loadData (26) and the first
        // runInTransaction=false changesets, CREATE INDEX CONCURRENTLY with pg_trgm (65 to 79).
        Path changelog = Corpus.path("pay-connector-liquibase", "src/main/resources/migrations.xml");
        MigrationSource source = new FirstRevisions(MigrationSources.open(changelog, SourceOptions.defaults()), 80);

        var report = new Verifier(source, withPrelude()).verify(PostgresServer.shared());

        assertThat(report.results()).filteredOn(r -> r.check() == Check.UPGRADES_APPLY).extracting(CheckResult::outcome)
                .hasSize(80).containsOnly(Outcome.PASSED);
        Map<String, String> failed = failedDowngrades(report.revisions());
        assertThat(failed.values()).allMatch(reason -> reason.startsWith("Liquibase cannot generate a rollback for changeset"));
        assertThat(failed).containsKeys("Seed database table card_types", "Drop trigram index to refunds.reference");
        assertThat(report.revision("Add delayed_capture column to charges table")).get()
                .satisfies(r -> assertThat(r.result(Check.REUPGRADE_REPRODUCES_SCHEMA)).get()
                        .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED));
        assertThat(report.results()).filteredOn(r -> r.check() == Check.REUPGRADE_REPRODUCES_SCHEMA)
                .extracting(CheckResult::outcome).doesNotContain(Outcome.FAILED);
    }

    private static List<String> withReason(Map<String, String> failed, String start) {
        return failed.entrySet().stream().filter(e -> e.getValue().startsWith(start)).map(Map.Entry::getKey).toList();
    }

    /** Revisions whose downgrade failed, with the reason: the statement's error or why there is none. */
    private static Map<String, String> failedDowngrades(List<RevisionReport> revisions) {
        Map<String, String> failed = new TreeMap<>();
        for (RevisionReport revision : revisions) {
            revision.result(Check.DOWNGRADE_RESTORES_SCHEMA).filter(CheckResult::isFailed).ifPresent(result ->
                    failed.put(revision.id(), result.error().map(e -> e.message()).orElse(result.reason())));
        }
        return failed;
    }

    /** The first revisions of a history only: a slice to walk. */
    private static final class FirstRevisions extends DelegatingSource {
        private final int count;

        FirstRevisions(MigrationSource source, int count) {
            super(source);
            this.count = count;
        }

        @Override
        public List<Revision> revisions() {
            return source.revisions().subList(0, count);
        }

        @Override
        public List<HistoryFinding> findings() {
            return List.of();
        }
    }
}
