package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.report.ReportedDifference;
import io.github.migrationtest.verifier.report.Timings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's options and its recovery, on small histories written by each test. */
class VerifierTest {

    @TempDir
    Path history;

    /** Init scripts, outside the history's folder (a file beside the folder was left in the system's temp folder). */
    @TempDir
    Path scripts;

    @BeforeEach
    void soundHistory() throws IOException {
        pair("0001_a", "CREATE TABLE a (id int PRIMARY KEY);", "DROP TABLE a;");
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY);", "DROP TABLE b;");
        pair("0003_c", "CREATE TABLE c (id int PRIMARY KEY);", "DROP TABLE c;");
        pair("0004_d", "CREATE TABLE d (id int PRIMARY KEY);", "DROP TABLE d;");
    }

    private void pair(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    private VerificationReport verify(VerifierOptions options) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), options).verify(PostgresServer.shared());
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).map(CheckResult::outcome).orElse(null);
    }

    /**
     * {@code DROP IDENTITY} drops the column's sequence as an internal deletion, which no event trigger reports: the
     * incremental read kept the sequence, and this right downgrade failed ("unexpected sequence public.a_id_seq"), the
     * history's full downgrade too.
     */
    @Test
    void a_downgrade_that_drops_an_identity_the_upgrade_added_passes() throws IOException {
        pair("0005_identity", "ALTER TABLE a ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;",
                "ALTER TABLE a ALTER COLUMN id DROP IDENTITY;");

        VerificationReport report = verify(VerifierOptions.defaults().withJobs(1));

        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    @Test
    void a_file_name_pattern_fails_the_history_check_naming_each_file_that_does_not_follow_it() throws IOException {
        pair("0005_Add_E", "CREATE TABLE e (id int PRIMARY KEY);", "DROP TABLE e;");
        VerificationReport report = verify(VerifierOptions.defaults()
                .withChecks(Set.of(Check.HISTORY_IS_LINEAR))
                .withFileNamePattern("\\d{4}_[a-z_]+\\.(up|down)\\.sql"));

        CheckResult linear = report.historyCheck(Check.HISTORY_IS_LINEAR).orElseThrow();
        assertThat(linear.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(linear.reason()).contains("0005_Add_E.up.sql: the name does not follow the project's convention")
                .contains("0005_Add_E.down.sql").doesNotContain("0004_d");
        assertThat(linear.fix()).contains("--file-name-pattern");

        VerificationReport following = verify(VerifierOptions.defaults()
                .withChecks(Set.of(Check.HISTORY_IS_LINEAR))
                .withFileNamePattern("\\d{4}_\\w+\\.(up|down)\\.sql"));
        assertThat(following.historyCheck(Check.HISTORY_IS_LINEAR).orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void floor_irreversible_and_skip_are_upgraded_but_not_round_tripped_with_the_reason() throws IOException {
        pair("0003_c", "CREATE TABLE c (id int PRIMARY KEY);", "SELECT 1; -- would fail the round trip");
        VerificationReport report = verify(VerifierOptions.defaults()
                .withFloor("0002")
                .withIrreversible(Map.of("0003", "drops data"))
                .withSkipped(Set.of("0004")));

        assertThat(report.passed()).isTrue();
        assertThat(report.revision("0001").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().reason())
                .isEqualTo("below the floor (minimum downgrade revision 0002)");
        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(report.revision("0003").orElseThrow().result(Check.REUPGRADE_REPRODUCES_SCHEMA).orElseThrow().reason())
                .isEqualTo("declared irreversible: drops data");
        assertThat(outcome(report, "0004", Check.UPGRADES_APPLY)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.SKIPPED);
        CheckResult full = report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow();
        assertThat(full.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(full.reason()).isEqualTo("the head revision is not to be downgraded: stopped above revision 0004 (skipped by configuration)");
    }

    @Test
    void options_find_a_revision_by_its_version_as_start_at_does_and_reasons_name_its_id() {
        VerificationReport report = verify(VerifierOptions.defaults()
                .withFloor("2")
                .withIrreversible(Map.of("3", "drops data"))
                .withSkipped(Set.of("4")));

        assertThat(report.revision("0001").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().reason())
                .isEqualTo("below the floor (minimum downgrade revision 0002)");
        assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(report.revision("0003").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().reason())
                .isEqualTo("declared irreversible: drops data");
        assertThat(report.revision("0004").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow().reason())
                .isEqualTo("skipped by configuration");
    }

    @Test
    void the_full_downgrade_stops_above_an_irreversible_revision_and_compares_with_the_state_there() {
        VerificationReport report = verify(VerifierOptions.defaults().withIrreversible(Map.of("0002", "merges tables")));

        CheckResult full = report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow();
        assertThat(full.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(full.reason()).isEqualTo("stopped above revision 0002 (declared irreversible: merges tables)");
    }

    @Test
    void a_full_downgrade_that_leaves_an_object_behind_fails_naming_it_and_where_it_stopped() throws IOException {
        pair("0004_d", "CREATE TABLE d (id int PRIMARY KEY); CREATE TYPE mood AS ENUM ('calm');", "DROP TABLE d;");
        VerificationReport report = verify(VerifierOptions.defaults().withIrreversible(Map.of("0001", "creates the base")));

        CheckResult full = report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow();
        assertThat(full.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(full.reason()).isEqualTo("downgrading from head did not return to the schema before revision 0002;"
                + " stopped above revision 0001 (declared irreversible: creates the base)");
        assertThat(full.differences()).extracting(ReportedDifference::path, ReportedDifference::kind)
                .containsExactly(tuple("type public.mood", "unexpected"));
        assertThat(full.fix()).isEqualTo("Look at the revisions whose own round trip failed; each downgrade must undo its upgrade");
    }

    @Test
    void unknown_revisions_in_options_are_rejected_with_the_known_ones() {
        assertThatThrownBy(() -> verify(VerifierOptions.defaults().withIrreversible(Map.of("9", "x"))))
                .hasMessage("Revision '9' given as irreversible is not a revision of this history. Known: [0001, 0002, 0003, 0004]");
        assertThatThrownBy(() -> verify(VerifierOptions.defaults().withSkipped(Set.of("0005"))))
                .hasMessageContaining("Revision '0005' given as skipped");
    }

    @Test
    void a_broken_downgrade_is_recovered_from_so_later_revisions_are_judged_on_the_right_state() throws IOException {
        // 0002's downgrade drops a table the history still needs: 0003 and 0004 build on it.
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY);", "DROP TABLE b; DROP TABLE a;");
        pair("0003_c", "CREATE TABLE c (id int PRIMARY KEY, a_id int REFERENCES a (id));", "DROP TABLE c;");
        // With incremental snapshots a recovery replaces the database the recorder knew: the next
        // snapshot must read it whole, and the verdicts must equal those of whole snapshots.
        for (boolean incremental : new boolean[] {true, false}) {
            for (int interval : new int[] {1, 2, 10}) {
                VerifierOptions options = VerifierOptions.defaults().withCheckpointInterval(interval);
                VerificationReport report = verify(options.withSnapshot(options.snapshot().withIncremental(incremental)));
                String run = "interval " + interval + ", incremental " + incremental;

                assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).as(run).isEqualTo(Outcome.FAILED);
                assertThat(outcome(report, "0003", Check.UPGRADES_APPLY)).as(run).isEqualTo(Outcome.PASSED);
                assertThat(outcome(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA)).as(run).isEqualTo(Outcome.PASSED);
                assertThat(outcome(report, "0004", Check.REUPGRADE_REPRODUCES_SCHEMA)).as(run).isEqualTo(Outcome.PASSED);
            }
        }
    }

    /** The database's own default for a setting, set on whichever database the step runs in. */
    private static String setDatabase(String setting) {
        return "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I " + setting + "', current_database()); END $$;";
    }

    @Test
    void a_database_setting_a_downgrade_leaves_behind_fails_the_round_trip() throws IOException {
        pair("0002_b", setDatabase("SET timezone = ''Asia/Tokyo''"), "SELECT 1;");

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path)
                .containsExactly("database setting \"TimeZone\"");

        pair("0002_b", setDatabase("SET timezone = ''Asia/Tokyo''"), setDatabase("RESET timezone"));
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void default_privileges_a_downgrade_leaves_behind_fail_the_round_trip_with_the_statement_that_takes_them_back()
            throws IOException {
        // A GRANT is idempotent: the upgrade after the downgrade runs again without an error, so only the schema's
        // comparison can tell that the downgrade forgot it.
        pair("0002_b", "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;"
                + " ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
                "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;");

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path)
                .containsExactly("default privileges \"in schema public on tables\"");
        assertThat(downgrade.fix())
                .contains("ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC;");

        pair("0002_b", "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC;"
                + " ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;",
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM PUBLIC;"
                        + " ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;");
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void a_view_its_downgrade_recreates_without_its_columns_comment_and_default_fails_the_round_trip() throws IOException {
        String before = "CREATE VIEW v AS SELECT id FROM a;";
        pair("0002_b", before + " COMMENT ON COLUMN v.id IS 'the key'; ALTER VIEW v ALTER COLUMN id SET DEFAULT 1;",
                "DROP VIEW v;");
        pair("0003_c", "DROP VIEW v; CREATE VIEW v AS SELECT id, id + 1 AS next FROM a;"
                + " COMMENT ON COLUMN v.id IS 'the key'; ALTER VIEW v ALTER COLUMN id SET DEFAULT 1;",
                "DROP VIEW v; " + before);

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0003").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsOnly("public.v");
        assertThat(downgrade.differences()).extracting(ReportedDifference::description)
                .anyMatch(text -> text.contains("column comment id")).anyMatch(text -> text.contains("column default id"));
        assertThat(downgrade.fix()).contains("COMMENT ON COLUMN public.v.id IS 'the key';",
                "ALTER VIEW public.v ALTER COLUMN id SET DEFAULT 1;");

        pair("0003_c", "DROP VIEW v; CREATE VIEW v AS SELECT id, id + 1 AS next FROM a;"
                + " COMMENT ON COLUMN v.id IS 'the key'; ALTER VIEW v ALTER COLUMN id SET DEFAULT 1;",
                "DROP VIEW v; " + before + " COMMENT ON COLUMN v.id IS 'the key'; ALTER VIEW v ALTER COLUMN id SET DEFAULT 1;");
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void extended_statistics_a_downgrade_leaves_fail_the_downgrade_not_only_the_upgrade_after_it() throws IOException {
        pair("0002_b", "CREATE STATISTICS a_s ON id, id2 FROM a2; ALTER STATISTICS a_s SET STATISTICS 500;",
                "SELECT 1;");
        pair("0001_a", "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE a2 (id int, id2 int);",
                "DROP TABLE a2; DROP TABLE a;");

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsExactly("statistics public.a_s");
        assertThat(downgrade.fix()).contains("DROP STATISTICS public.a_s;");

        pair("0002_b", "CREATE STATISTICS a_s ON id, id2 FROM a2; ALTER STATISTICS a_s SET STATISTICS 500;",
                "DROP STATISTICS a_s;");
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void a_rule_a_downgrade_leaves_fails_the_downgrade_not_only_the_upgrade_after_it() throws IOException {
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); CREATE RULE a_keep AS ON DELETE TO a DO INSTEAD NOTHING;",
                "DROP TABLE b;");

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsExactly("rule public.a.a_keep");
        assertThat(downgrade.fix()).contains("DROP RULE a_keep ON public.a;");

        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); CREATE RULE a_keep AS ON DELETE TO a DO INSTEAD NOTHING;",
                "DROP RULE a_keep ON a; DROP TABLE b;");
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void a_table_a_downgrade_leaves_in_a_publication_fails_the_downgrade() throws IOException {
        // A downgrade that forgets to take a table out of a publication leaves nothing for the upgrade after it to trip
        // on (ADD TABLE of a table it has fails, but SET TABLE and the options do not): only the publication shows it.
        pair("0001_a", "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE a2 (id int PRIMARY KEY);"
                + " CREATE PUBLICATION feed FOR TABLE a;", "DROP PUBLICATION feed; DROP TABLE a2; DROP TABLE a;");
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); ALTER PUBLICATION feed SET TABLE a, a2;"
                + " ALTER PUBLICATION feed SET (publish = 'insert, update');", "DROP TABLE b;");
        pair("0003_c", "ALTER TABLE a2 RENAME TO a3;", "ALTER TABLE a3 RENAME TO a2;"); // a published table renamed both ways

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsOnly("publication feed");
        assertThat(downgrade.fix()).contains("ALTER PUBLICATION feed SET TABLE public.a;",
                "ALTER PUBLICATION feed SET (publish = 'insert, update, delete, truncate');");
        assertThat(outcome(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);

        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); ALTER PUBLICATION feed SET TABLE a, a2;"
                + " ALTER PUBLICATION feed SET (publish = 'insert, update');",
                "DROP TABLE b; ALTER PUBLICATION feed DROP TABLE a2;"
                        + " ALTER PUBLICATION feed SET (publish = 'insert, update, delete, truncate');");
        VerificationReport fixed = verify(VerifierOptions.defaults());
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    @Test
    void a_collation_or_text_search_configuration_a_downgrade_leaves_fails_it() throws IOException {
        // Left behind, each made the upgrade after it fail ("already exists") but passed the downgrade's own check; with
        // IF NOT EXISTS nothing showed at all. Foreign servers, wrappers and operator classes need a superuser:
        // IncrementalReaderTest and ClosingMigrationRoundTripTest have them.
        String upgrade = """
                CREATE COLLATION IF NOT EXISTS ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
                CREATE TABLE a (id int PRIMARY KEY, name text COLLATE ci);
                CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = pg_catalog.simple);
                CREATE TEXT SEARCH CONFIGURATION c (COPY = pg_catalog.english);
                ALTER TEXT SEARCH CONFIGURATION c ALTER MAPPING FOR asciiword WITH d;
                """;
        pair("0001_a", upgrade, "DROP TABLE a;");
        pair("0002_b", "CREATE INDEX a_name ON a (name);", "DROP INDEX a_name;");

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0001").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsExactlyInAnyOrder(
                "collation public.ci", "text search dictionary public.d", "text search configuration public.c");
        assertThat(downgrade.fix()).contains("DROP TEXT SEARCH CONFIGURATION public.c; DROP TEXT SEARCH DICTIONARY public.d;"
                + " DROP COLLATION public.ci;");

        pair("0001_a", upgrade, "DROP TABLE a; DROP TEXT SEARCH CONFIGURATION c; DROP TEXT SEARCH DICTIONARY d;"
                + " DROP COLLATION ci;");
        VerificationReport fixed = verify(VerifierOptions.defaults());
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    @Test
    void an_aggregate_operator_or_cast_a_downgrade_leaves_fails_it() throws IOException {
        pair("0001_a", "CREATE FUNCTION plus(x int, y int) RETURNS int LANGUAGE sql IMMUTABLE AS 'select x + y';"
                + " CREATE TYPE mood AS ENUM ('ok'); CREATE FUNCTION as_mood(int) RETURNS mood LANGUAGE sql AS"
                + " $$ SELECT 'ok'::mood $$;", "DROP FUNCTION as_mood(int); DROP TYPE mood; DROP FUNCTION plus(int, int);");
        pair("0002_b", "CREATE AGGREGATE total(int) (sfunc = plus, stype = int, initcond = '0');"
                + " CREATE OPERATOR ### (leftarg = int, rightarg = int, function = plus);"
                + " CREATE CAST (int AS mood) WITH FUNCTION as_mood(int);", "SELECT 1;");

        CheckResult downgrade = verify(VerifierOptions.defaults()).revision("0002").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsExactlyInAnyOrder(
                "aggregate public.total(integer)", "operator public.###(integer,integer)", "cast (integer AS public.mood)");
        assertThat(downgrade.fix()).contains("DROP AGGREGATE public.total(integer);",
                "DROP OPERATOR public.###(integer,integer);", "DROP CAST (integer AS public.mood);");

        pair("0002_b", "CREATE AGGREGATE total(int) (sfunc = plus, stype = int, initcond = '0');"
                + " CREATE OPERATOR ### (leftarg = int, rightarg = int, function = plus);"
                + " CREATE CAST (int AS mood) WITH FUNCTION as_mood(int);",
                "DROP AGGREGATE public.total(integer); DROP OPERATOR public.###(integer,integer);"
                        + " DROP CAST (integer AS public.mood);");
        VerificationReport fixed = verify(VerifierOptions.defaults());
        assertThat(fixed.passed()).as(fixed.toString()).isTrue();
    }

    @Test
    void a_publications_column_lists_and_row_filters_are_part_of_it() throws IOException {
        // A schema's tables (FOR TABLES IN SCHEMA) need a superuser: IncrementalReaderTest and
        // ClosingMigrationRoundTripTest have them.
        assumeTrue(PostgresServer.shared().majorVersion() >= 15, "column lists and row filters: Postgres 15");
        pair("0001_a", "CREATE TABLE a (id int PRIMARY KEY, v text, w text); CREATE PUBLICATION feed FOR TABLE a;",
                "DROP PUBLICATION feed; DROP TABLE a;");
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); ALTER PUBLICATION feed SET TABLE a (id, v) WHERE (id > 1);",
                "DROP TABLE b;");
        pair("0003_c", "ALTER TABLE a RENAME COLUMN v TO v2;", "ALTER TABLE a RENAME COLUMN v2 TO v;"); // read anew

        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult downgrade = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(downgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(downgrade.differences()).extracting(ReportedDifference::path).containsOnly("publication feed");
        assertThat(downgrade.differences()).extracting(ReportedDifference::description)
                .anyMatch(text -> text.contains("public.a (id, v) WHERE ((id > 1))"));
        assertThat(downgrade.fix()).contains("ALTER PUBLICATION feed SET TABLE public.a;");
        assertThat(outcome(report, "0003", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);

        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY); ALTER PUBLICATION feed SET TABLE a (id, v) WHERE (id > 1);",
                "ALTER PUBLICATION feed SET TABLE a; DROP TABLE b;");
        assertThat(verify(VerifierOptions.defaults()).passed()).isTrue();
    }

    @Test
    void database_settings_of_the_base_survive_the_clone_a_rebuild_starts_from() throws IOException {
        // The init script's setting is part of the base. 0002 runs outside a transaction (CONCURRENTLY) and its downgrade
        // leaves the index, so the walk rebuilds from a clone of a checkpoint; the full downgrade ends on that clone and
        // is compared with the base: a clone without the setting failed it, and read the whole schema again.
        Path init = Files.writeString(scripts.resolve("init.sql"),
                setDatabase("SET timezone = ''Asia/Tokyo''"));
        pair("0002_b", "CREATE INDEX CONCURRENTLY a_idx ON a (id);", "SELECT 1;");
        for (int jobs : new int[] {1, 2}) {
            VerificationReport report = verify(VerifierOptions.defaults().withInitScripts(List.of(init)).withJobs(jobs));

            assertThat(outcome(report, "0002", Check.DOWNGRADE_RESTORES_SCHEMA)).as("jobs " + jobs).isEqualTo(Outcome.FAILED);
            assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome()).as("jobs " + jobs)
                    .isEqualTo(Outcome.PASSED);
            for (String revision : List.of("0001", "0003", "0004")) {
                assertThat(report.revision(revision).orElseThrow().checks().values()).as("jobs " + jobs + ", " + revision)
                        .isNotEmpty().allMatch(result -> result.outcome() == Outcome.PASSED);
            }
        }
    }

    @Test
    void an_init_script_that_creates_a_role_is_run_on_servers_of_their_own_when_the_walk_is_split() throws Exception {
        // Every part's database runs the init scripts. A role is the server's: with two parts on one server the second
        // part's init failed ("role ... already exists"; written idempotently in a DO block, the two parts raced into a
        // unique violation), an exit 2 for an init script that is fine. The init scripts count as a server-wide change
        // as the history's own files do, so the parts walk on servers of their own.
        Path init = Files.writeString(scripts.resolve("init.sql"),
                "CREATE ROLE verifier_test_init_reader NOLOGIN;\n");
        try {
            VerificationReport report = verify(VerifierOptions.defaults().withInitScripts(List.of(init)).withJobs(2));

            assertThat(report.passed()).as(report.toString()).isTrue();
        } finally {
            try (var database = PostgresServer.shared().createDatabase();
                 var connection = database.connect();
                 var statement = connection.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS verifier_test_init_reader");
            }
        }
    }

    @Test
    void an_upgrade_failing_on_a_rebuilt_state_says_it_is_its_own_failure() throws IOException {
        // 0002 runs outside a transaction and its downgrade leaves the index: the walk rebuilds 0002's state first.
        pair("0002_b", "CREATE INDEX CONCURRENTLY a_idx ON a (id);", "SELECT 1;");
        pair("0003_c", "CREATE TABLE c (id int REFERENCES nowhere (id));", "DROP TABLE c;");

        CheckResult upgrade = verify(VerifierOptions.defaults()).revision("0003").orElseThrow()
                .result(Check.UPGRADES_APPLY).orElseThrow();

        assertThat(upgrade.reason()).isEqualTo("the upgrade failed (on the schema after revision 0002 (b), which the walk"
                + " rebuilt since its round trip left another: this failure is this revision's own)");

        pair("0002_b", "CREATE INDEX CONCURRENTLY a_idx ON a (id);", "DROP INDEX CONCURRENTLY a_idx;");
        assertThat(verify(VerifierOptions.defaults()).revision("0003").orElseThrow().result(Check.UPGRADES_APPLY)
                .orElseThrow().reason()).as("no rebuild before it").isEqualTo("the upgrade failed");
    }

    @Test
    void a_failing_downgrade_statement_is_reported_and_the_walk_goes_on() throws IOException {
        pair("0002_b", "CREATE TABLE b (id int PRIMARY KEY);", "DROP TABLE no_such_table;");
        VerificationReport report = verify(VerifierOptions.defaults());

        CheckResult down = report.revision("0002").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().location()).isEqualTo(history.resolve("0002_b.down.sql") + ":1:1");
        assertThat(outcome(report, "0002", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.NOT_REACHED);
        assertThat(outcome(report, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(report.historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void a_missing_down_file_is_an_empty_downgrade_that_fails_unless_declared_irreversible() throws IOException {
        Files.delete(history.resolve("0004_d.down.sql"));
        VerificationReport report = verify(VerifierOptions.defaults());
        CheckResult missing = report.revision("0004").orElseThrow().result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.reason()).isEqualTo("the downgrade did not restore the schema");
        assertThat(missing.fix()).startsWith("Make a new " + history.resolve("0004_d.down.sql") + " undo every change of the upgrade");

        VerificationReport declared = verify(VerifierOptions.defaults().withIrreversible(Map.of("0004", "one way")));
        assertThat(outcome(declared, "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.SKIPPED);
    }

    /**
     * A downgrade that lacks more than the fix can say in one line: the statements go with the failure, in full, and
     * added to the downgrade they make it pass (long ones used to be left out, with nothing in their place).
     */
    @Test
    void what_a_downgrade_lacks_beyond_one_line_goes_with_the_failure_and_completes_it() throws IOException {
        String up = """
                CREATE TABLE e (id int PRIMARY KEY, name text, note text);
                CREATE TYPE e_mood AS ENUM ('sad', 'ok', 'happy');
                CREATE SEQUENCE e_seq;
                CREATE FUNCTION e_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM e';
                CREATE VIEW e_named AS SELECT id, name FROM e WHERE name IS NOT NULL;""";
        pair("0005_e", up, "DROP VIEW e_named;");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.fix()).contains("(it lacks the SQL shown with this failure)").doesNotContain("(it lacks: ");
        ProposedMigration lacking = down.migration().orElseThrow();
        assertThat(lacking.completesDowngrade()).isTrue();
        assertThat(lacking.downgrade()).contains("DROP TABLE public.e");
        assertThat(FailureText.render("Revision 0005", down)).contains("What the downgrade lacks:");

        pair("0005_e", up, "DROP VIEW e_named;\n" + lacking.downgrade());
        assertThat(outcome(verify(VerifierOptions.defaults()), "0005", Check.DOWNGRADE_RESTORES_SCHEMA))
                .isEqualTo(Outcome.PASSED);
    }

    /**
     * What pg_dump shows and snapshots missed until session 36: an index column's and a materialized view column's
     * statistics target, a composite type attribute's comment. Each left by an empty downgrade fails it, and the
     * statements the failure proposes complete it.
     */
    @Test
    void statistics_targets_of_index_and_matview_columns_and_attribute_comments_are_restored_by_the_proposed_sql()
            throws IOException {
        pair("0005_e", """
                CREATE TABLE e (id int PRIMARY KEY, name text);
                CREATE INDEX e_lower ON e (lower(name), id);
                CREATE MATERIALIZED VIEW e_names AS SELECT id, name FROM e;
                CREATE TYPE e_pair AS (a int, b text);
                COMMENT ON COLUMN e_pair.b IS 'the second';""", "DROP TYPE e_pair; DROP MATERIALIZED VIEW e_names; DROP TABLE e;");
        String up = """
                ALTER INDEX e_lower ALTER COLUMN 1 SET STATISTICS 500;
                ALTER MATERIALIZED VIEW e_names ALTER COLUMN name SET STATISTICS 300;
                COMMENT ON COLUMN e_pair.a IS 'the first';
                COMMENT ON COLUMN e_pair.b IS NULL;""";
        pair("0006_stats", up, "");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0006").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.differences()).extracting(ReportedDifference::path)
                .allMatch(path -> path.matches(".*public\\.(e_lower|e_names|e_pair)"))
                .anyMatch(path -> path.endsWith("e_lower")).anyMatch(path -> path.endsWith("e_names"))
                .anyMatch(path -> path.endsWith("e_pair"));
        ProposedMigration lacking = down.migration().orElseThrow();
        assertThat(lacking.manual()).isEmpty();
        assertThat(lacking.downgrade()).contains("ALTER INDEX public.e_lower ALTER COLUMN 1 SET STATISTICS -1",
                "ALTER MATERIALIZED VIEW public.e_names ALTER COLUMN name SET STATISTICS -1",
                "COMMENT ON COLUMN public.e_pair.a IS NULL", "COMMENT ON COLUMN public.e_pair.b IS 'the second'");

        pair("0006_stats", up, lacking.downgrade());
        assertThat(outcome(verify(VerifierOptions.defaults()), "0006", Check.DOWNGRADE_RESTORES_SCHEMA))
                .isEqualTo(Outcome.PASSED);
    }

    /** What only people can write (a generated column's expression): listed with the failure, and the fix says so. */
    @Test
    void what_a_downgrade_lacks_that_no_sql_is_generated_for_is_listed_to_write_by_hand() throws IOException {
        pair("0005_e", "CREATE TABLE e (id int, g int GENERATED ALWAYS AS (id * 2) STORED);", "DROP TABLE e;");
        pair("0006_g", "ALTER TABLE e DROP COLUMN g; ALTER TABLE e ADD COLUMN g int GENERATED ALWAYS AS (id * 3) STORED;",
                "");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0006").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.fix()).contains("(it lacks what is listed, to write by hand, with this failure)");
        assertThat(down.migration().orElseThrow().manual()).singleElement().asString().startsWith("public.e.g: ");
        assertThat(FailureText.render("Revision 0006", down)).contains("Not generated, to write by hand:\n  public.e.g: ");
    }

    /** Beside generated SQL, what only people can write is in the script's header, and not listed again below it. */
    @Test
    void what_a_downgrade_lacks_to_write_by_hand_beside_sql_is_shown_once() throws IOException {
        pair("0005_e", "CREATE TABLE e (id int, g int GENERATED ALWAYS AS (id * 2) STORED);", "DROP TABLE e;");
        pair("0006_g", "ALTER TABLE e DROP COLUMN g; ALTER TABLE e ADD COLUMN g int GENERATED ALWAYS AS (id * 3) STORED;"
                + " CREATE TABLE x (id int);", "");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0006").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        String text = FailureText.render("Revision 0006", down);
        assertThat(text).contains("DROP TABLE public.x;", "-- Not generated, to do by hand:\n  --   public.e.g: ")
                .doesNotContain("Not generated, to write by hand:");
        assertThat(text.split("public.e.g: the generated expression", -1)).hasSize(2);
    }

    /**
     * A history written for MySQL (a project's migrations/mysql beside its migrations/postgres) fails with Postgres's
     * bare "syntax error"; the hint says whose statement it is and the fix points at the PostgreSQL history. A Postgres
     * statement that stops at the same word for its own mistake (a column called engine after a missing comma) is not
     * called MySQL's.
     */
    @Test
    void a_statement_written_for_mysql_is_named_so() throws IOException {
        pair("0005_e", "CREATE TABLE `rules` (id int NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) ENGINE=InnoDB;",
                "DROP TABLE `rules`;");
        pair("0006_f", "CREATE TABLE t (d datetime);", "DROP TABLE t;");

        CheckResult upgrade = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("syntax error at or near \"`\"",
                "This statement is written for MySQL, not PostgreSQL");
        assertThat(upgrade.fix()).isEqualTo("Point the verifier at the project's PostgreSQL migrations, or write the"
                + " statement at " + history.resolve("0005_e.up.sql") + ":1:14 for PostgreSQL");

        Files.delete(history.resolve("0005_e.up.sql"));
        Files.delete(history.resolve("0005_e.down.sql"));
        CheckResult type = verify(VerifierOptions.defaults()).revision("0006").orElseThrow()
                .result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(type.error().orElseThrow().message()).contains("type \"datetime\" does not exist",
                "written for MySQL");

        pair("0006_f", "CREATE TABLE t (name text\n  engine text);", "DROP TABLE t;");
        CheckResult own = verify(VerifierOptions.defaults()).revision("0006").orElseThrow()
                .result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(own.error().orElseThrow().message()).contains("syntax error at or near \"engine\"")
                .doesNotContain("MySQL");
    }

    /**
     * fedora-infra/fmn's Alembic history alters tables its application makes with create_all() and stamps: the upgrade
     * fails, and its hint and fix name the schema made outside the history, which an init script gives. In a history
     * of SQL files the hint speaks of what makes such a schema there, not of Alembic.
     */
    @Test
    void an_upgrade_naming_a_table_no_revision_made_names_the_init_script_too() throws IOException {
        pair("0005_e", "ALTER TABLE rules ADD COLUMN note text;", "ALTER TABLE rules DROP COLUMN note;");

        CheckResult upgrade = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(upgrade.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(upgrade.error().orElseThrow().message()).contains("relation \"rules\" does not exist",
                "No revision before this one creates rules", "a baseline restored from a dump, or tables the"
                        + " application makes when it starts").doesNotContain("alembic");
        assertThat(upgrade.fix()).isEqualTo("Fix the statement at " + history.resolve("0005_e.up.sql") + ":1:1 (the"
                + " name, or the order of the migrations), or give the schema the history starts from in an init script"
                + " (--init)");

        Path init = Files.writeString(scripts.resolve("baseline.sql"), "CREATE TABLE rules (id int);\n");
        assertThat(outcome(verify(VerifierOptions.defaults().withInitScripts(List.of(init))), "0005",
                Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
    }

    /** A downgrade that drops a misspelt table: the hint names what the upgrade made and the name meant. */
    @Test
    void a_downgrade_dropping_a_table_no_one_made_names_the_tables_the_upgrade_made() throws IOException {
        pair("0005_e", "CREATE TABLE account_emails (id int);\nCREATE TABLE accounts (id int);",
                "DROP TABLE account_emails;\nDROP TABLE acounts;");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message()).contains("table \"acounts\" does not exist",
                "No relation named acounts exists when the downgrade starts; this revision's upgrade made"
                        + " public.account_emails, public.accounts. Did you mean accounts?");
        assertThat(down.fix()).isEqualTo("Fix the statement at " + history.resolve("0005_e.down.sql") + ":2:1 (acounts ->"
                + " accounts), or declare revision 0005 irreversible");
    }

    /** A downgrade whose earlier statement dropped what a later one drops again (a CASCADE): said so, not "the name". */
    @Test
    void a_downgrade_dropping_what_its_own_cascade_dropped_says_so() throws IOException {
        pair("0005_e", "CREATE TABLE e (id int PRIMARY KEY);\nCREATE VIEW e_ids AS SELECT id FROM e;",
                "DROP TABLE e CASCADE;\nDROP VIEW e_ids;");

        CheckResult down = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();

        assertThat(down.error().orElseThrow().message()).contains("view \"e_ids\" does not exist",
                "e_ids was there when the downgrade started: a statement before this one in the downgrade dropped it");
        assertThat(down.fix()).isEqualTo("Drop e_ids before what it depends on, or give the statement at "
                + history.resolve("0005_e.down.sql") + ":2:1 IF EXISTS, or declare revision 0005 irreversible");
    }

    /** Found on a real sqlx history whose downgrade says "citext extension left in place; other tables may use it". */
    @Test
    void an_extension_a_downgrade_keeps_is_named_for_an_init_script_where_it_passes() throws IOException {
        pair("0005_e", "CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE e (name citext);", "DROP TABLE e;");

        CheckResult kept = verify(VerifierOptions.defaults()).revision("0005").orElseThrow()
                .result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(kept.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(kept.fix()).contains("(it lacks: DROP EXTENSION").endsWith("; an extension kept on purpose (the"
                + " deployment or other revisions use it) belongs in an init script (--init), as the deployment creates it");

        Path init = Files.writeString(scripts.resolve("init.sql"),
                "CREATE EXTENSION citext;\n");
        try {
            assertThat(outcome(verify(VerifierOptions.defaults().withInitScripts(List.of(init))), "0005",
                    Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.PASSED);
        } finally {
            Files.delete(init);
        }
    }

    @Test
    void each_revision_is_timed_step_by_step_and_a_skipped_one_has_no_round_trip_to_time() {
        VerificationReport report = verify(VerifierOptions.defaults().withSkipped(Set.of("0004")));

        Timings sound = report.revision("0001").orElseThrow().timings();
        assertThat(List.of(sound.upgrade(), sound.downgrade(), sound.reupgrade(), sound.snapshots()))
                .allSatisfy(step -> assertThat(step).isPositive());
        Timings skipped = report.revision("0004").orElseThrow().timings();
        assertThat(skipped.upgrade()).isPositive();
        assertThat(skipped.snapshots()).as("the state after it, which the full downgrade compares with").isPositive();
        assertThat(skipped.downgrade()).isZero();
        assertThat(skipped.reupgrade()).isZero();
    }

    @Test
    void options_hold_copies_that_cannot_be_changed_behind_their_back() {
        Set<Check> chosen = EnumSet.of(Check.UPGRADES_APPLY);
        VerifierOptions options = VerifierOptions.defaults().withChecks(chosen);
        chosen.add(Check.FULL_DOWNGRADE_TO_BASE);

        assertThat(options.runs(Check.FULL_DOWNGRADE_TO_BASE)).isFalse();
        assertThatThrownBy(() -> options.checks().add(Check.HEAD_MATCHES_MODEL))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> options.irreversible().put("0001", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void only_the_chosen_checks_run() {
        VerificationReport report = verify(VerifierOptions.defaults().withChecks(EnumSet.of(Check.UPGRADES_APPLY)));
        assertThat(report.results()).extracting(CheckResult::check).containsOnly(Check.UPGRADES_APPLY).hasSize(4);
        assertThat(report.historyChecks()).isEmpty();
        assertThat(report.revisions()).extracting(r -> r.checks().keySet()).allSatisfy(keys -> assertThat(keys).isEqualTo(Set.of(Check.UPGRADES_APPLY)));
        assertThat(report.passed()).isTrue();
    }
}
