package io.github.migrationtest.verifier.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.VerificationException;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Check#PROTECTED_SCHEMAS_UNTOUCHED} on real Postgres, for the common case: the protected schema
 * comes from elsewhere and exists only through an init script, with rows in it.
 */
class ProtectedSchemasVerificationTest {

    @TempDir
    Path root;

    private Path history;
    private Path init;

    private final PostgresServer server = PostgresServer.shared();

    @BeforeEach
    void legacySchemaFromAnInitScript() throws IOException {
        history = Files.createDirectories(root.resolve("migrations"));
        init = root.resolve("legacy.sql");
        Files.writeString(init, """
                CREATE SCHEMA legacy;
                CREATE TABLE legacy.customers (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO legacy.customers VALUES (1, 'ada'), (2, 'grace');
                CREATE SCHEMA billing_eu;
                CREATE TABLE billing_eu.invoices (id int PRIMARY KEY, customer_id int);
                """);
        pair(1, """
                CREATE TABLE orders (
                    id int PRIMARY KEY,
                    customer_id int REFERENCES legacy.customers (id)
                );
                CREATE VIEW customer_orders AS
                    SELECT c.name, o.id FROM legacy.customers c JOIN orders o ON o.customer_id = c.id;
                INSERT INTO orders SELECT id, id FROM legacy.customers;
                """, """
                DROP VIEW customer_orders;
                DROP TABLE orders;
                """);
    }

    private void pair(int version, String up, String down) throws IOException {
        String name = String.format("%04d_r%d", version, version);
        Files.writeString(history.resolve(name + ".up.sql"), up);
        Files.writeString(history.resolve(name + ".down.sql"), down);
    }

    private VerificationReport verify(String... protect) {
        return verify(1, protect);
    }

    private VerificationReport verify(int jobs, String... protect) {
        return verify(server, jobs, protect);
    }

    private VerificationReport verify(PostgresServer server, int jobs, String... protect) {
        Set<String> before = server.openDatabases();
        VerifierOptions options = VerifierOptions.defaults().withJobs(jobs).withInitScripts(List.of(init))
                .withProtect(List.of(protect));
        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()), options)
                .verify(server);
        assertThat(server.openDatabases()).as("databases left behind").isEqualTo(before);
        return report;
    }

    private static CheckResult protectedResult(VerificationReport report, String revision) {
        return report.revision(revision).orElseThrow().result(Check.PROTECTED_SCHEMAS_UNTOUCHED).orElseThrow();
    }

    /** The check's findings for a revision, as people read them. */
    private static List<String> findings(VerificationReport report, String revision) {
        return protectedResult(report, revision).differences().stream().map(ReportedDifference::description).toList();
    }

    private static String text(VerificationReport report, String revision) {
        RevisionReport found = report.revision(revision).orElseThrow();
        return FailureText.render(found, found.result(Check.PROTECTED_SCHEMAS_UNTOUCHED).orElseThrow());
    }

    @Test
    void a_history_that_only_reads_and_references_the_protected_schema_passes() {
        VerificationReport report = verify("legacy");

        assertThat(protectedResult(report, "0001").outcome()).isEqualTo(Outcome.PASSED);
        // The guard's triggers on legacy.customers and its own schema are in no snapshot: the round trip passes.
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void an_upgrade_that_alters_a_protected_table_fails_naming_the_revision_statement_and_object() throws IOException {
        pair(2, """
                CREATE TABLE notes (id int);

                ALTER TABLE legacy.customers ADD COLUMN tier text;
                """, """
                ALTER TABLE legacy.customers DROP COLUMN tier;
                DROP TABLE notes;
                """);

        VerificationReport report = verify("legacy");

        assertThat(protectedResult(report, "0001").outcome()).isEqualTo(Outcome.PASSED);
        CheckResult result = protectedResult(report, "0002");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(findings(report, "0002")).containsExactly(
                "legacy.customers: table altered (ALTER TABLE) by the upgrade at " + history.resolve("0002_r2.up.sql")
                        + ":3: ALTER TABLE legacy.customers ADD COLUMN tier text",
                "legacy.customers.tier: table column dropped (ALTER TABLE) by the downgrade at "
                        + history.resolve("0002_r2.down.sql") + ":1: ALTER TABLE legacy.customers DROP COLUMN tier");
        assertThat(text(report, "0002")).startsWith("Revision 0002 (r2): the upgrade and the downgrade touch protected"
                + " schemas (legacy)");
        // Walked in parts, each part's database has its own guard, and what a part's catch-up upgrades did
        // is not reported again.
        VerificationReport parted = verify(2, "legacy");
        for (String revision : List.of("0001", "0002")) {
            assertThat(protectedResult(parted, revision)).as(revision).isEqualTo(protectedResult(report, revision));
        }
        // The other checks are not this one's business: the round trip itself is sound.
        assertThat(report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_downgrade_that_creates_and_drops_in_a_protected_schema_fails_though_the_schema_ends_as_it_was() throws IOException {
        pair(2, "CREATE TABLE notes (id int);\n", """
                CREATE TABLE legacy.scratch (id int);
                DROP TABLE legacy.scratch;
                DROP TABLE notes;
                """);

        VerificationReport report = verify("legacy");

        CheckResult result = protectedResult(report, "0002");
        assertThat(result.reason()).isEqualTo("the downgrade touches protected schemas (legacy)");
        String down = history.resolve("0002_r2.down.sql").toString();
        assertThat(findings(report, "0002")).containsExactly(
                "legacy.scratch: table created (CREATE TABLE) by the downgrade at " + down
                        + ":1: CREATE TABLE legacy.scratch (id int)",
                "legacy.scratch: table dropped (DROP TABLE) by the downgrade at " + down + ":2: DROP TABLE legacy.scratch");
        assertThat(report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void rows_written_to_protected_tables_fail_per_statement_and_rolled_back_or_empty_writes_do_not() throws IOException {
        pair(2, """
                UPDATE legacy.customers SET name = upper(name) WHERE id = 1;
                SAVEPOINT tentative;
                UPDATE legacy.customers SET name = 'nobody';
                ROLLBACK TO SAVEPOINT tentative;
                UPDATE legacy.customers SET name = name WHERE false;
                """, """
                UPDATE legacy.customers SET name = lower(name) WHERE id = 1;
                """);
        // COPY, under the replication role data loads use to skip triggers (a superuser's setting: the
        // run's own role may not set it), and TRUNCATE.
        pair(3, """
                SET session_replication_role = replica;
                COPY legacy.customers (id, name) FROM STDIN;
                3	linus
                4	ken
                \\.
                SET session_replication_role = origin;
                """, """
                DELETE FROM legacy.customers WHERE id > 2;
                TRUNCATE billing_eu.invoices;
                """);
        Files.writeString(init, Files.readString(init) + "INSERT INTO billing_eu.invoices VALUES (1, 1);\n");

        VerificationReport report = verify(PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withMigrations(MigrationLogin.SERVER_USER)), 1, "legacy,billing_eu");

        String up2 = history.resolve("0002_r2.up.sql").toString();
        String down2 = history.resolve("0002_r2.down.sql").toString();
        assertThat(findings(report, "0002")).containsExactly(
                "legacy.customers: 1 row written (UPDATE) by the upgrade at " + up2
                        + ":1: UPDATE legacy.customers SET name = upper(name) WHERE id = 1",
                "legacy.customers: 1 row written (UPDATE) by the downgrade at " + down2
                        + ":1: UPDATE legacy.customers SET name = lower(name) WHERE id = 1");
        String up3 = history.resolve("0003_r3.up.sql").toString();
        String down3 = history.resolve("0003_r3.down.sql").toString();
        assertThat(findings(report, "0003")).containsExactly(
                "legacy.customers: 2 rows written (COPY) by the upgrade at " + up3
                        + ":2: COPY legacy.customers (id, name) FROM STDIN",
                "legacy.customers: 2 rows written (DELETE) by the downgrade at " + down3
                        + ":1: DELETE FROM legacy.customers WHERE id > 2",
                "billing_eu.invoices: 1 row written (TRUNCATE) by the downgrade at " + down3
                        + ":2: TRUNCATE billing_eu.invoices");
        assertThat(protectedResult(report, "0001").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void globs_protect_every_matching_schema_also_one_the_migrations_create_and_other_schemas_stay_free() throws IOException {
        pair(2, """
                CREATE SCHEMA legacy_archive;
                CREATE TABLE legacy_archive.old_customers (id int);
                CREATE INDEX invoices_customer ON billing_eu.invoices (customer_id);
                CREATE SCHEMA reporting;
                CREATE TABLE reporting.totals (n int);
                """, """
                DROP SCHEMA reporting CASCADE;
                DROP INDEX billing_eu.invoices_customer;
                DROP SCHEMA legacy_archive CASCADE;
                """);

        VerificationReport report = verify("leg*", "billing_??");

        String up = history.resolve("0002_r2.up.sql").toString();
        String down = history.resolve("0002_r2.down.sql").toString();
        assertThat(findings(report, "0002")).containsExactly(
                "legacy_archive: schema created (CREATE SCHEMA) by the upgrade at " + up + ":1: CREATE SCHEMA legacy_archive",
                "legacy_archive.old_customers: table created (CREATE TABLE) by the upgrade at " + up
                        + ":2: CREATE TABLE legacy_archive.old_customers (id int)",
                "billing_eu.invoices_customer: index created (CREATE INDEX) by the upgrade at " + up
                        + ":3: CREATE INDEX invoices_customer ON billing_eu.invoices (customer_id)",
                "billing_eu.invoices_customer: index dropped (DROP INDEX) by the downgrade at " + down
                        + ":2: DROP INDEX billing_eu.invoices_customer",
                "legacy_archive: schema dropped (DROP SCHEMA) by the downgrade at " + down
                        + ":3: DROP SCHEMA legacy_archive CASCADE",
                "legacy_archive.old_customers: table dropped (DROP SCHEMA) by the downgrade at " + down
                        + ":3: DROP SCHEMA legacy_archive CASCADE");
    }

    @Test
    void a_protected_table_moved_out_of_its_schema_is_still_named() throws IOException {
        pair(2, "ALTER TABLE legacy.customers SET SCHEMA public;\n", "ALTER TABLE public.customers SET SCHEMA legacy;\n");

        VerificationReport report = verify("legacy");

        assertThat(protectedResult(report, "0002").differences()).extracting(ReportedDifference::path)
                .containsExactly("public.customers", "legacy.customers");
    }

    @Test
    void a_protected_schema_that_matches_nothing_stops_the_run_naming_the_schemas_there_are() {
        assertThatThrownBy(() -> verify("legasy"))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("protected schema legasy (--protect legasy) matches no schema of the database"
                        + " after the init scripts (it has billing_eu, legacy, public)");
        assertThatThrownBy(() -> verify("legacy", "billing_us", "audit_*"))
                .hasMessageContaining("protected schema billing_us (--protect legacy, billing_us, audit_*) matches no");
    }

    @Test
    void a_bad_glob_is_refused_naming_it() {
        assertThatThrownBy(() -> VerifierOptions.defaults().withProtect(List.of("legacy, ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("protected schema ' ' in 'legacy, ' is not a schema name or glob");
    }

    @Test
    void consequences_count_a_cascade_into_protected_rows_a_view_dropped_with_a_table_a_comment_merge_and_renames()
            throws IOException {
        Files.writeString(init, Files.readString(init) + """
                CREATE TABLE public.regions (id int PRIMARY KEY);
                INSERT INTO public.regions VALUES (1), (2);
                CREATE TABLE legacy.visits (region_id int REFERENCES public.regions ON DELETE CASCADE);
                INSERT INTO legacy.visits VALUES (1), (1), (2);
                CREATE TABLE public.totals (n int);
                CREATE VIEW legacy.totals_view AS SELECT n FROM public.totals;
                """);
        pair(2, "DELETE FROM regions WHERE id = 1;\n", "INSERT INTO regions VALUES (1);\n");
        pair(3, "DROP TABLE totals CASCADE;\n", "CREATE TABLE totals (n int);\n");
        pair(4, """
                COMMENT ON TABLE legacy.customers IS 'synced';
                MERGE INTO legacy.customers c USING (VALUES (2, 'g')) v (id, name) ON c.id = v.id
                    WHEN MATCHED THEN UPDATE SET name = v.name;
                """, """
                COMMENT ON TABLE legacy.customers IS NULL;
                ALTER SCHEMA legacy RENAME TO legacy_old;
                ALTER SCHEMA legacy_old RENAME TO legacy;
                """);

        VerificationReport report = verify("legacy");

        assertThat(findings(report, "0002")).containsExactly(
                "legacy.visits: 2 rows written (DELETE) by the upgrade at " + history.resolve("0002_r2.up.sql")
                        + ":1: DELETE FROM regions WHERE id = 1");
        assertThat(findings(report, "0003")).containsExactly(
                "legacy.totals_view: view dropped (DROP TABLE) by the upgrade at " + history.resolve("0003_r3.up.sql")
                        + ":1: DROP TABLE totals CASCADE");
        String up = history.resolve("0004_r4.up.sql").toString();
        String down = history.resolve("0004_r4.down.sql").toString();
        assertThat(findings(report, "0004")).containsExactly(
                "legacy.customers: table altered (COMMENT) by the upgrade at " + up
                        + ":1: COMMENT ON TABLE legacy.customers IS 'synced'",
                "legacy.customers: 1 row written (MERGE: UPDATE) by the upgrade at " + up
                        + ":2: MERGE INTO legacy.customers c USING (VALUES (2, 'g')) v (id, name) ON c.id = v.id WHEN MATCHED"
                        + " THEN…", // a long statement is cut at 100 characters: the place says where the rest is
                "legacy.customers: table altered (COMMENT) by the downgrade at " + down
                        + ":1: COMMENT ON TABLE legacy.customers IS NULL",
                "legacy_old: schema altered (ALTER SCHEMA) by the downgrade at " + down
                        + ":2: ALTER SCHEMA legacy RENAME TO legacy_old",
                "legacy: schema altered (ALTER SCHEMA) by the downgrade at " + down
                        + ":3: ALTER SCHEMA legacy_old RENAME TO legacy");
    }

    @Test
    void grants_and_default_privileges_in_a_protected_schema_are_named_with_their_statement() throws IOException {
        pair(2, """
                GRANT SELECT ON legacy.customers TO PUBLIC;
                GRANT SELECT ON orders TO PUBLIC;
                ALTER DEFAULT PRIVILEGES IN SCHEMA legacy GRANT SELECT ON TABLES TO PUBLIC;
                """, """
                ALTER DEFAULT PRIVILEGES IN SCHEMA legacy REVOKE SELECT ON TABLES FROM PUBLIC;
                REVOKE SELECT ON orders FROM PUBLIC;
                REVOKE SELECT ON legacy.customers FROM PUBLIC;
                """);

        VerificationReport report = verify("legacy");

        String up = history.resolve("0002_r2.up.sql").toString();
        String down = history.resolve("0002_r2.down.sql").toString();
        assertThat(findings(report, "0002"))
                .containsExactly(
                        "legacy.customers: table altered (GRANT) by the upgrade at " + up
                                + ":1: GRANT SELECT ON legacy.customers TO PUBLIC",
                        protectedResult(report, "0002").differences().get(1).path()
                                + ": default acl altered (ALTER DEFAULT PRIVILEGES) by the upgrade at " + up
                                + ":3: ALTER DEFAULT PRIVILEGES IN SCHEMA legacy GRANT SELECT ON TABLES TO PUBLIC",
                        protectedResult(report, "0002").differences().get(2).path()
                                + ": default acl altered (ALTER DEFAULT PRIVILEGES) by the downgrade at " + down
                                + ":1: ALTER DEFAULT PRIVILEGES IN SCHEMA legacy REVOKE SELECT ON TABLES FROM PUBLIC",
                        "legacy.customers: table altered (REVOKE) by the downgrade at " + down
                                + ":3: REVOKE SELECT ON legacy.customers FROM PUBLIC");
        // Revoked, the default privileges' row is gone: it is named as it was.
        assertThat(protectedResult(report, "0002").differences()).extracting(ReportedDifference::path)
                .element(2).isEqualTo(protectedResult(report, "0002").differences().get(1).path())
                .asString().contains("in schema legacy");
    }
}
