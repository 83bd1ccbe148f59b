package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A well-known extension's function, operator class or exclusion support that no revision creates (the deployment
 * does): the fix names the extension for an init script, where the history then passes. A name no single extension
 * gives keeps Postgres's own message and the plain fix.
 */
class MissingExtensionObjectTest {

    @TempDir
    Path history;

    @Test
    void uuid_generate_v4_names_uuid_ossp() throws IOException {
        write("CREATE TABLE t (id uuid PRIMARY KEY DEFAULT uuid_generate_v4());", "DROP TABLE t;");

        assertFixNames("uuid-ossp", "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";", "1:45"); // at the call
    }

    @Test
    void a_trigram_index_names_pg_trgm() throws IOException {
        write("CREATE TABLE t (name text);\nCREATE INDEX t_name ON t USING gin (name gin_trgm_ops);", "DROP TABLE t;");

        assertFixNames("pg_trgm", "CREATE EXTENSION IF NOT EXISTS pg_trgm;", "2:1");
    }

    @Test
    void an_exclusion_constraint_over_a_scalar_column_names_btree_gist() throws IOException {
        write("CREATE TABLE booking (room int, during tstzrange,\n"
                + "    EXCLUDE USING gist (room WITH =, during WITH &&));", "DROP TABLE booking;");

        assertFixNames("btree_gist", "CREATE EXTENSION IF NOT EXISTS btree_gist;", "1:1");
    }

    /** i4Ds/heliotime-v2's first revision: Postgres names the innermost unknown call, by_range, not create_hypertable. */
    @Test
    void a_hypertable_made_with_by_range_names_timescaledb() throws IOException {
        write("CREATE TABLE flux (time timestamptz NOT NULL, flux double precision NOT NULL);\n"
                + "SELECT create_hypertable('flux', by_range('time'));", "DROP TABLE flux;");

        CheckResult upgrade = upgrade(verify(List.of()));
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("function by_range(unknown) does not exist")
                .contains("by_range comes from extension timescaledb");
        assertThat(upgrade.fix()).startsWith("Create extension timescaledb in an init script (CREATE EXTENSION IF NOT"
                + " EXISTS timescaledb;), as your deployment does, or in a migration before "
                + history.resolve("1_t.up.sql") + ":2:");
    }

    /** Not trusted: only a superuser creates it, which the migrations' own role is not; an init script is. */
    @Test
    void an_extension_only_a_superuser_creates_names_an_init_script() throws IOException {
        write("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;\nCREATE TABLE t (id int);", "DROP TABLE t;");

        CheckResult upgrade = upgrade(verify(List.of()));
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message())
                .contains("permission denied to create extension \"pg_stat_statements\"")
                .contains("Only a superuser creates extension pg_stat_statements").contains("--superuser-migrations");
        assertThat(upgrade.fix()).isEqualTo("Create extension pg_stat_statements in an init script (CREATE EXTENSION IF"
                + " NOT EXISTS pg_stat_statements;), as your deployment does, or run the migrations as a superuser"
                + " (--superuser-migrations); the statement at " + history.resolve("1_t.up.sql") + ":1:1 is not at fault");
        assertPassesWithInit("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
    }

    @Test
    void a_function_no_extension_is_known_for_keeps_the_plain_fix() throws IOException {
        write("CREATE TABLE t (id int DEFAULT next_id_of_ours());", "DROP TABLE t;");

        CheckResult upgrade = upgrade(verify(List.of()));
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.fix()).isEqualTo("Fix the statement at " + history.resolve("1_t.up.sql") + ":1:32"); // at the call
    }

    private void assertFixNames(String extension, String create, String at) throws IOException {
        CheckResult upgrade = upgrade(verify(List.of()));
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("comes from extension " + extension);
        assertThat(upgrade.fix()).isEqualTo("Create extension " + extension + " in an init script (" + create
                + "), as your deployment does, or in a migration before " + history.resolve("1_t.up.sql") + ":" + at);

        assertPassesWithInit(create);
    }

    private void assertPassesWithInit(String create) throws IOException {
        Path init = Files.writeString(history.resolveSibling(history.getFileName() + "-init.sql"), create + "\n");
        try {
            VerificationReport report = verify(List.of(init));
            assertThat(report.passed()).as(report.toString()).isTrue();
        } finally {
            Files.delete(init);
        }
    }

    private void write(String up, String down) throws IOException {
        Files.writeString(history.resolve("1_t.up.sql"), up + "\n");
        Files.writeString(history.resolve("1_t.down.sql"), down + "\n");
    }

    private static CheckResult upgrade(VerificationReport report) {
        return report.revisions().get(0).result(Check.UPGRADES_APPLY).orElseThrow();
    }

    private VerificationReport verify(List<Path> initScripts) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1).withInitScripts(initScripts)).verify(PostgresServer.shared());
    }
}
