package io.github.migrationtest.verifier.source.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.corpus.Corpus;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real histories (read in place, never copied) are read whole, in their tool's order, with no error:
 * the counts and quirks are those their SOURCE.md states.
 */
class SqlCorpusTest {

    private static SqlHistory read(Path location) {
        SqlHistory history = SqlHistoryReader.read(location, location.toString(), null);
        assertThat(history.findings()).filteredOn(HistoryFinding::isError).isEmpty();
        return history;
    }

    private static List<String> ids(SqlHistory history) {
        return history.revisions().stream().map(p -> p.revision().id()).toList();
    }

    private static PlannedRevision plan(SqlHistory history, String id) {
        return history.revisions().stream().filter(p -> p.revision().id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> ignored(SqlHistory history) {
        return history.findings().stream().filter(f -> f.kind() == Kind.IGNORED_FILE)
                .map(f -> f.file().substring(f.file().lastIndexOf('/') + 1)).toList();
    }

    @Test
    void vaultwarden_diesel_reads_46_revisions_with_26_empty_downs_as_no_ops() {
        SqlHistory history = read(Corpus.path("vaultwarden-diesel", "migrations/postgresql"));

        assertThat(history.convention()).isEqualTo(Convention.DIESEL);
        assertThat(ids(history)).hasSize(46).startsWith("2019-09-12-100000").endsWith("2026-05-05-120000").isSorted();
        assertThat(history.revisions()).allMatch(p -> p.revision().hasDowngrade());
        assertThat(history.findings()).extracting(HistoryFinding::message).satisfiesExactly(
                note -> assertThat(note).startsWith("26 step(s) run no SQL"),
                // 24 of them are 0-byte files: vaultwarden embeds its migrations, diesel's command line refuses them
                warning -> assertThat(warning).startsWith("24 file(s) are empty (0 bytes)"));
    }

    @Test
    void plume_diesel_reads_59_revisions_from_the_initial_setup() {
        SqlHistory history = read(Corpus.path("plume-diesel", "migrations/postgres"));

        assertThat(ids(history)).hasSize(59).startsWith("00000000000000", "2018-04-22-093322")
                .endsWith("2022-01-29-154457");
        assertThat(history.findings()).isEmpty();
    }

    @Test
    void keto_popx_merges_two_folders_takes_postgres_files_and_ignores_other_databases() {
        SqlHistory history = read(Corpus.path("keto-popx", "."));

        assertThat(history.convention()).isEqualTo(Convention.POPX);
        assertThat(ids(history)).hasSize(16).startsWith("20150100000001000000", "20201110175414000000").isSortedAccordingTo(
                (a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
        assertThat(plan(history, "20220513200300000000").revision().files()).extracting(f -> f.substring(f.lastIndexOf('/') + 1))
                .containsExactly("20220513200300000000_create-intermediary-uuid-table.postgres.up.sql",
                        "20220513200300000000_create-intermediary-uuid-table.down.sql");
        assertThat(ignored(history)).contains("LICENSE", "SOURCE.md");
        assertThat(history.findings()).anySatisfy(f -> assertThat(f.message())
                .startsWith("61 file(s) for other databases (cockroach, mysql, sqlite, sqlite3) are not run on Postgres"));
    }

    @Test
    void openmeter_golang_migrate_reads_269_revisions_and_ignores_atlas_sum() {
        SqlHistory history = read(Corpus.path("openmeter-golang-migrate", "tools/migrate/migrations"));

        assertThat(history.convention()).isEqualTo(Convention.GOLANG_MIGRATE);
        assertThat(ids(history)).hasSize(269).startsWith("20240826120919").endsWith("20260818090123");
        assertThat(ignored(history)).containsExactly("atlas.sum");
    }

    @Test
    void firefly_golang_migrate_reads_115_revisions_across_the_numbering_gaps() {
        SqlHistory history = read(Corpus.path("firefly-golang-migrate", "db/migrations/postgres"));

        List<String> ids = ids(history);
        assertThat(ids).hasSize(115).startsWith("000001").endsWith("000117");
        assertThat(ids.subList(ids.indexOf("000023"), ids.indexOf("000023") + 3)).containsExactly("000023", "000025", "000027");
    }

    @Test
    void hatchet_goose_reads_149_revisions_and_honours_no_transaction_in_any_case() {
        SqlHistory history = read(Corpus.path("hatchet-goose", "cmd/hatchet-migrate/migrate/migrations"));

        assertThat(history.convention()).isEqualTo(Convention.GOOSE);
        assertThat(ids(history)).hasSize(149).startsWith("20240115180414").endsWith("20251222220531");
        assertThat(plan(history, "20251007220652").up().get(0).outsideTransaction()).contains("NO TRANSACTION");
        long outside = history.revisions().stream().filter(p -> !p.up().get(0).outsideTransaction().isEmpty()).count();
        assertThat(outside).isEqualTo(18);
        assertThat(history.findings()).singleElement().satisfies(f -> assertThat(f.message()).startsWith("91 step(s) run no SQL"));
    }

    @Test
    void openlane_goose_reads_177_revisions_and_ignores_atlas_sum() {
        SqlHistory history = read(Corpus.path("openlane-goose", "db/migrations-goose-postgres"));

        assertThat(ids(history)).hasSize(177).startsWith("20251229183203", "20251229183205").endsWith("20260807044755");
        assertThat(ignored(history)).containsExactly("atlas.sum");
        assertThat(history.findings()).hasSize(1);
    }

    @Test
    void bionic_dbmate_reads_108_revisions_including_a_name_with_a_space() {
        SqlHistory history = read(Corpus.path("bionic-gpt-dbmate", "crates/db/migrations"));

        assertThat(history.convention()).isEqualTo(Convention.DBMATE);
        assertThat(ids(history)).hasSize(108).startsWith("20220410155201").endsWith("20260819065829");
        assertThat(history.revisions()).map(PlannedRevision::revision).map(Revision::description)
                .contains("collaborator chat document permissions copy");
        assertThat(history.findings()).singleElement().satisfies(f -> assertThat(f.message()).startsWith("22 step(s) run no SQL"));
    }
}
