package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.DelegatingSource;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history walked in parts at once, each on a database of its own, against the same history walked
 * on one database: the same verdicts, passed on in order, and every database dropped.
 */
class HistoryWalkTest {

    @TempDir
    Path history;

    /** Init scripts, deleted with the test (not left in the system's temp folder). */
    @TempDir
    Path scripts;

    /** Where {@link #verify} runs: the shared server, or one whose migrations may create roles. */
    private PostgresServer server = PostgresServer.shared();

    /** Twelve revisions: a table each, the fourth's downgrade forgets an index, the ninth's fails, the eleventh's leaves a type. */
    private void historyWithBrokenDowngrades() throws IOException {
        for (int i = 1; i <= 12; i++) {
            pair(i, "CREATE TABLE t" + i + " (id int PRIMARY KEY, name text);", "DROP TABLE t" + i + ";");
        }
        pair(4, "CREATE TABLE t4 (id int PRIMARY KEY, name text);\nCREATE INDEX t1_name ON t1 (name);", "DROP TABLE t4;");
        pair(9, "CREATE TABLE t9 (id int PRIMARY KEY);", "DROP TABLE no_such_table;");
        pair(11, "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t11 (id int PRIMARY KEY, m mood);", "DROP TABLE t11;");
    }

    private void pair(int version, String up, String down) throws IOException {
        String name = String.format("%04d_r%d", version, version);
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }

    /** A verification, with what the listener heard. */
    private record Run(VerificationReport report, int parts, String note, List<String> heard) {
    }

    private Run verify(int jobs) {
        return verify(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(jobs));
    }

    private Run verify(MigrationSource source, VerifierOptions options) {
        List<String> heard = new ArrayList<>();
        int[] parts = {0};
        String[] note = {null};
        ProgressListener listener = new ProgressListener() {
            @Override
            public void walkPlanned(int count, String why) {
                parts[0] = count;
                note[0] = why;
            }

            @Override
            public void revisionStarted(Revision revision, int index, int count) {
                heard.add("started " + index);
            }

            @Override
            public void revisionFinished(RevisionReport report, int index, int count) {
                heard.add("finished " + index);
            }
        };
        Set<String> before = server.openDatabases();
        VerificationReport report = new Verifier(source, options).verify(server, listener);
        assertThat(server.openDatabases()).as("databases left behind").isEqualTo(before);
        return new Run(report, parts[0], note[0], heard);
    }

    /** The walk in {@code jobs} parts, after checking it found what a walk on one database finds. */
    private Run inPartsAsOnOne(MigrationSource source, int jobs) {
        Run parted = verify(source, VerifierOptions.defaults().withJobs(jobs));
        Run one = verify(source, VerifierOptions.defaults().withJobs(1));
        assertThat(parted.parts()).as("parts").isEqualTo(jobs);
        assertThat(verdicts(parted.report())).as("verdicts in %d parts", jobs).isEqualTo(verdicts(one.report()));
        return parted;
    }

    /** Everything a report says but its timings. */
    private static List<Object> verdicts(VerificationReport report) {
        List<Object> verdicts = new ArrayList<>(report.historyChecks());
        report.revisions().forEach(revision -> verdicts.add(Map.entry(revision.id(), revision.checks())));
        return verdicts;
    }

    private static List<String> inOrder(int revisions) {
        return IntStream.range(0, revisions).boxed()
                .flatMap(i -> List.of("started " + i, "finished " + i).stream()).toList();
    }

    private static Outcome outcome(VerificationReport report, String revision, Check check) {
        return report.revision(revision).orElseThrow().result(check).map(CheckResult::outcome).orElse(null);
    }

    @Test
    void a_history_walked_in_parts_gets_every_verdict_a_walk_on_one_database_gets_in_the_same_order() throws IOException {
        historyWithBrokenDowngrades();
        Run one = verify(1);
        for (int jobs : new int[] {2, 3, 4}) {
            Run parted = verify(jobs);

            assertThat(parted.parts()).as("parts for %d jobs", jobs).isEqualTo(jobs);
            assertThat(verdicts(parted.report())).as("verdicts with %d jobs", jobs).isEqualTo(verdicts(one.report()));
            assertThat(parted.heard()).as("what the listener heard with %d jobs", jobs).isEqualTo(inOrder(12));
        }
        assertThat(one.parts()).isEqualTo(1);
        // The verdicts compared are worth comparing: each broken downgrade is found, and the walk went on.
        assertThat(outcome(one.report(), "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(one.report(), "0009", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(one.report(), "0011", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(one.report(), "0012", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(one.report().historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void an_upgrade_that_fails_in_the_first_part_leaves_every_later_revision_not_reached_in_every_part() throws IOException {
        historyWithBrokenDowngrades();
        pair(3, "CREATE TABLE t3 (id int PRIMARY KEY, x no_such_type);", "DROP TABLE t3;");
        Run parted = verify(3);

        assertThat(parted.parts()).isEqualTo(3);
        assertThat(outcome(parted.report(), "0002", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(parted.report(), "0003", Check.UPGRADES_APPLY)).isEqualTo(Outcome.FAILED);
        for (int i = 4; i <= 12; i++) {
            assertThat(parted.report().revision(String.format("%04d", i)).orElseThrow().checks().values())
                    .as("revision %d", i).extracting(CheckResult::outcome).containsOnly(Outcome.NOT_REACHED);
        }
        assertThat(parted.report().historyCheck(Check.FULL_DOWNGRADE_TO_BASE).orElseThrow().outcome())
                .isEqualTo(Outcome.NOT_REACHED);
        assertThat(parted.heard()).isEqualTo(inOrder(12));
        assertThat(verdicts(parted.report())).isEqualTo(verdicts(verify(1).report()));
    }

    @Test
    void an_upgrade_that_fails_in_the_last_part_is_reported_after_the_earlier_parts_verdicts() throws IOException {
        historyWithBrokenDowngrades();
        pair(11, "CREATE TABLE t11 (id int PRIMARY KEY, x no_such_type);", "DROP TABLE t11;");
        Run parted = verify(3);

        assertThat(outcome(parted.report(), "0004", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(parted.report(), "0010", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(parted.report(), "0011", Check.UPGRADES_APPLY)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(parted.report(), "0012", Check.UPGRADES_APPLY)).isEqualTo(Outcome.NOT_REACHED);
        assertThat(verdicts(parted.report())).isEqualTo(verdicts(verify(1).report()));
    }

    @Test
    void a_part_whose_database_cannot_be_brought_to_its_start_is_walked_by_the_database_before_it() throws IOException {
        // 0003 needs what only 0002's downgrade leaves (a row, which no snapshot compares): it applies
        // where 0002 was round-tripped, and fails on a database brought to 0003 by upgrades alone. 0002's
        // downgrade runs outside a transaction (VACUUM), so its round trip commits rather than being rolled back.
        pair(1, "CREATE TABLE marks (what text);", "DROP TABLE marks;");
        pair(2, "INSERT INTO marks VALUES ('2 up');", "INSERT INTO marks VALUES ('2 down');\nVACUUM marks;");
        pair(3, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM marks WHERE what = '2 down') THEN"
                + " RAISE EXCEPTION '0002 was never downgraded'; END IF; END $$;", "SELECT 1;");
        for (int i = 4; i <= 6; i++) {
            pair(i, "CREATE TABLE t" + i + " (id int);", "DROP TABLE t" + i + ";");
        }
        Run parted = verify(2);

        assertThat(parted.parts()).isEqualTo(2);
        assertThat(parted.report().passed()).as(verdicts(parted.report()).toString()).isTrue();
        assertThat(parted.heard()).isEqualTo(inOrder(6));
        assertThat(verdicts(parted.report())).isEqualTo(verdicts(verify(1).report()));
    }

    @Test
    void a_flyway_history_runs_its_steps_on_several_databases_at_once_with_the_verdicts_of_one() throws IOException {
        for (int i = 1; i <= 30; i++) {
            Files.writeString(history.resolve("V" + i + "__t" + i + ".sql"), "CREATE TABLE t" + i + " (id int PRIMARY KEY);\n");
            Files.writeString(history.resolve("U" + i + "__t" + i + ".sql"), "DROP TABLE t" + i + ";\n");
        }
        Files.writeString(history.resolve("V12__t12.sql"), "CREATE TABLE t12 (id int PRIMARY KEY);\nCREATE INDEX t1_id ON t1 (id);\n");
        Files.writeString(history.resolve("U25__t25.sql"), "DROP TABLE t25;\nDROP TABLE no_such_table;\n");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        assertThat(source.supportsConcurrentSteps()).isTrue();

        Run parted = inPartsAsOnOne(source, 3);

        assertThat(outcome(parted.report(), "12", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(parted.report(), "25", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(parted.report(), "30", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_liquibase_history_walks_in_parts_with_its_steps_taken_one_at_a_time() throws IOException {
        StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
        for (int i = 1; i <= 18; i++) {
            changelog.append("\n--changeset dev:").append(i).append("\nCREATE TABLE t").append(i).append(" (id int PRIMARY KEY);\n")
                    .append(i == 12 ? "--rollback DROP TABLE t1;\n" : "--rollback DROP TABLE t" + i + ";\n");
        }
        Path file = history.resolve("changelog.sql");
        Files.writeString(file, changelog);
        MigrationSource source = MigrationSources.open(file, SourceOptions.defaults());
        assertThat(source.supportsConcurrentSteps()).isFalse();

        Run parted = inPartsAsOnOne(source, 3);

        assertThat(outcome(parted.report(), "12", Check.DOWNGRADE_RESTORES_SCHEMA)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(parted.report(), "18", Check.REUPGRADE_REPRODUCES_SCHEMA)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_source_whose_steps_must_not_overlap_still_walks_in_parts_one_step_at_a_time() throws IOException {
        historyWithBrokenDowngrades();
        OneStepAtATime oneStepAtATime = new OneStepAtATime(MigrationSources.open(history, SourceOptions.defaults()));

        inPartsAsOnOne(oneStepAtATime, 3);
        assertThat(oneStepAtATime.overlapped).as("steps that overlapped").isZero();
    }

    @Test
    void a_history_that_creates_a_role_walks_in_parts_on_servers_of_their_own() throws IOException {
        for (int i = 1; i <= 12; i++) { // sound downgrades: the walk back to base drops the role again
            pair(i, "CREATE TABLE t" + i + " (id int PRIMARY KEY, name text);", "DROP TABLE t" + i + ";");
        }
        // Not idempotent: on one server a later part's upgrade to its start would find the role there.
        // The grant goes with the table; the checkpoint that a later part clones would keep a copy of it.
        pair(5, "CREATE TABLE t5 (id int);\nCREATE ROLE migrationtest_walk_role NOLOGIN;\n"
                + "GRANT SELECT ON t5 TO migrationtest_walk_role;", "DROP TABLE t5;\nDROP ROLE migrationtest_walk_role;");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        assertThat(source.serverWideChange()).contains(history.resolve("0005_r5.up.sql") + ":2: CREATE ROLE");
        server = superuserMigrations();
        long serversBefore = postgresProcesses();
        ServersSeen seen = new ServersSeen(source);

        Run parted = inPartsAsOnOne(seen, 2);

        assertThat(parted.note()).startsWith("each part but the last on a server of its own, since "
                + history.resolve("0005_r5.up.sql") + ":2: CREATE ROLE");
        assertThat(parted.report().revisions().get(4).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
        assertThat(parted.report().historyChecks()).filteredOn(result -> result.check() == Check.FULL_DOWNGRADE_TO_BASE)
                .singleElement().extracting(CheckResult::outcome).as("the walk down to base drops the role")
                .isEqualTo(Outcome.PASSED);
        assertThat(postgresProcesses()).as("postgres processes once the twin server is stopped").isEqualTo(serversBefore);
        // The parted walk ran on two servers (the run's and a twin), the one-database walk on the run's only.
        assertThat(seen.servers).as("servers the upgrades ran on, by start time").hasSize(2);
    }

    /**
     * A deferrable key makes every later round trip commit, and before one the walk clones a checkpoint on the same
     * server: its copy of revision 2's grant kept revision 2's {@code DROP ROLE} from running ("1 object in database
     * migrationtest_..."), which on the user's one database runs.
     */
    private String historyDroppingARoleItGranted(String down) throws IOException {
        String role = "migrationtest_dropped_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        pair(1, "CREATE TABLE a (id int PRIMARY KEY, v int);", "DROP TABLE a;");
        pair(2, "CREATE ROLE " + role + " NOLOGIN;\nGRANT SELECT ON a TO " + role + ";\n"
                + "CREATE TABLE b (a_id int REFERENCES a DEFERRABLE INITIALLY DEFERRED);\nCREATE INDEX a_v ON a (v);",
                down.replace("ROLE_NAME", role));
        pair(3, "CREATE TABLE c (id int);", "DROP TABLE c;");
        server = superuserMigrations();
        return role;
    }

    @Test
    void a_downgrade_drops_the_role_its_upgrade_granted_though_the_walk_keeps_a_copy_to_rebuild_from() throws IOException {
        historyDroppingARoleItGranted("DROP INDEX a_v;\nDROP TABLE b;\nREVOKE SELECT ON a FROM ROLE_NAME;\nDROP ROLE ROLE_NAME;");

        VerificationReport report = verify(1).report();

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.historyChecks()).filteredOn(result -> result.check() == Check.FULL_DOWNGRADE_TO_BASE)
                .singleElement().extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_round_trip_that_drops_a_role_and_leaves_the_state_wrong_ends_the_walk_saying_why() throws IOException, SQLException {
        // The copy was dropped for the DROP ROLE; the index the downgrade forgets leaves a state nothing can rebuild.
        String role = historyDroppingARoleItGranted("DROP TABLE b;\nREVOKE SELECT ON a FROM ROLE_NAME;\nDROP ROLE ROLE_NAME;");

        // no walk down to base ran after a re-upgrade that may make it
        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(1).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome, CheckResult::reason)
                .containsExactly(Outcome.FAILED, "the downgrade did not restore the schema");
        assertThat(report.revisions().get(2).result(Check.UPGRADES_APPLY)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.NOT_REACHED);
        assertThat(report.revisions().get(2).result(Check.UPGRADES_APPLY).orElseThrow().reason())
                .startsWith("the walk stopped: the state after an earlier revision could not be rebuilt");
        assertThat(report.historyChecks()).filteredOn(result -> result.check() == Check.FULL_DOWNGRADE_TO_BASE)
                .singleElement().extracting(CheckResult::reason).asString().startsWith("head was never reached: ");
    }

    /** A deferrable key: from this revision on every round trip commits, with a checkpoint before it. */
    private static final String DEFERRING_UP = "CREATE TABLE a (id int PRIMARY KEY, v int);\n"
            + "CREATE TABLE b (a_id int REFERENCES a DEFERRABLE INITIALLY DEFERRED);";
    private static final String DEFERRING_DOWN = "DROP TABLE b;\nDROP TABLE a;";

    /**
     * Revision 1 makes a role unless it exists (its downgrade keeps it) and the deferrable key, revision 2 drops the role
     * (its downgrade makes it again); returns the role's name, one of its own for each test.
     */
    private String historyDroppingInRevision2ARoleRevision1Made(String prefix) throws IOException {
        String role = prefix + ProcessHandle.current().pid() + "_" + System.nanoTime();
        pair(1, createRoleUnlessItExists(role) + "\n" + DEFERRING_UP, DEFERRING_DOWN);
        pair(2, "DROP ROLE " + role + ";", createRoleUnlessItExists(role));
        return role;
    }

    private static String createRoleUnlessItExists(String role) {
        return "DO $$ BEGIN CREATE ROLE " + role + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;";
    }

    /** That {@code check} passed for each of the revisions, numbered from 1. */
    private static void assertPassed(VerificationReport report, Check check, int... revisions) {
        for (int revision : revisions) {
            assertThat(report.revisions().get(revision - 1).result(check)).as("revision %d %s", revision, check).get()
                    .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
        }
    }

    /**
     * An upgrade that demotes the role it runs as (provideplatform/vault's first migration) cannot run a second time,
     * and no downgrade of the database restores the role: the re-upgrade's failure says so, not "make the downgrade
     * undo every change", which it did.
     */
    @Test
    void an_upgrade_refused_after_it_demoted_its_role_is_told_that_roles_are_the_server_s() throws IOException, SQLException {
        String role = "migrationtest_demoted_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        pair(1, "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE " + role
                + " SUPERUSER; END IF; END$$;\nSET ROLE " + role + ";\nCREATE SCHEMA s;\nALTER USER current_user WITH"
                + " NOSUPERUSER;\nRESET ROLE;", "DROP SCHEMA s;");
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(0).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
        CheckResult again = report.revisions().get(0).result(Check.REUPGRADE_REPRODUCES_SCHEMA).orElseThrow();
        assertThat(again.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(again.fix()).startsWith("The upgrade ran the first time and is refused now: a role lost a privilege")
                .doesNotContain("undo every change");
    }

    /** A server (shared) whose migrations run as its superuser, who may create and drop roles. */
    private static PostgresServer superuserMigrations() {
        return PostgresServer.shared(PostgresSettings.fromEnvironment().withMigrations(MigrationLogin.SERVER_USER));
    }

    /** Revision {@code n} builds an index its downgrade forgets, so its round trip leaves the state to be rebuilt. */
    private void pairForgettingAnIndex(int n) throws IOException {
        pair(n, "CREATE INDEX a_v ON a (v);", "SELECT 1; -- forgets the index: the state is rebuilt");
    }

    /** Verifies the history, then drops {@code role}, which outlives the run's databases whatever the walk left. */
    private VerificationReport verifyThenDropRole(String role, VerifierOptions options) throws SQLException {
        try {
            return verify(MigrationSources.open(history, SourceOptions.defaults()), options).report();
        } finally {
            try (DisposableDatabase scratch = server.createDatabase(); Connection connection = scratch.connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /**
     * A rebuild replays the upgrades since its checkpoint on a clone of it, but roles are the server's: revision 2's
     * role, made by the walk's first run of it after the checkpoint was taken, is still there when the replay creates it
     * again, and the replaced database still holds its grant. The walk stopped with "role ... already exists" at
     * revision 2 (exit 2), though on the user's one database that upgrade runs once and only revision 3's downgrade is
     * wrong.
     */
    @Test
    void a_rebuild_replays_an_upgrade_that_creates_a_role_the_walk_made_after_its_checkpoint() throws IOException, SQLException {
        String role = "migrationtest_replayed_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        pair(1, DEFERRING_UP, DEFERRING_DOWN);
        pair(2, "CREATE ROLE " + role + " NOLOGIN;\nGRANT SELECT ON a TO " + role + ";",
                "REVOKE SELECT ON a FROM " + role + ";\nDROP ROLE " + role + ";");
        pairForgettingAnIndex(3);
        pair(4, "CREATE TABLE c (id int);", "DROP TABLE c;");
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(2).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome, CheckResult::reason)
                .containsExactly(Outcome.FAILED, "the downgrade did not restore the schema");
        for (Check check : List.of(Check.UPGRADES_APPLY, Check.DOWNGRADE_RESTORES_SCHEMA, Check.REUPGRADE_REPRODUCES_SCHEMA)) {
            assertPassed(report, check, 1, 2, 4);
        }
        assertThat(report.historyChecks()).filteredOn(result -> result.check() == Check.FULL_DOWNGRADE_TO_BASE)
                .singleElement().extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
    }

    /**
     * The rebuild's replay of revision 2 drops a role that revision 3's first run made again and granted on the database
     * the rebuild replaces: that database is dropped there and then, not after the replays, and the replay runs again.
     */
    @Test
    void a_rebuild_replays_a_drop_role_that_the_replaced_database_held() throws IOException, SQLException {
        String role = historyDroppingInRevision2ARoleRevision1Made("migrationtest_replayed_drop_");
        pair(3, createRoleUnlessItExists(role) + "\nGRANT SELECT ON a TO " + role + ";", "REVOKE SELECT ON a FROM " + role + ";");
        pairForgettingAnIndex(4);
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(3).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome, CheckResult::reason)
                .containsExactly(Outcome.FAILED, "the downgrade did not restore the schema");
        assertPassed(report, Check.REUPGRADE_REPRODUCES_SCHEMA, 1, 2, 3);
    }

    /**
     * The rebuild's replay of revision 2 drops a role that the walk's first run of revision 2 dropped already (the role
     * has nothing in any database that depends on it, so the checkpoint did not stop that): the replay found none ("role
     * ... does not exist"). The role is made again for it, and the replay drops it, as revision 2 does.
     */
    @Test
    void a_rebuild_replays_a_drop_role_of_a_role_the_walk_dropped_already() throws IOException, SQLException {
        String role = historyDroppingInRevision2ARoleRevision1Made("migrationtest_dropped_before_");
        pairForgettingAnIndex(3);
        pair(4, "CREATE TABLE c (id int);", "DROP TABLE c;");
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(2).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.FAILED);
        assertPassed(report, Check.REUPGRADE_REPRODUCES_SCHEMA, 1, 2, 4);
    }

    /**
     * A replayed upgrade that does not run the same on the clone: revision 2 refuses to run where revision 3's role
     * exists, which the walk made on the server since revision 2 first ran. The rebuild after revision 4's round trip
     * failed there, and the exception ended the verification (exit 2) without a report; now the walk stops after
     * revision 4, saying why, as after a failed upgrade.
     */
    @Test
    void a_rebuild_whose_replay_fails_ends_the_walk_saying_why() throws IOException, SQLException {
        String role = "migrationtest_replay_refused_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        pair(1, DEFERRING_UP, DEFERRING_DOWN);
        pair(2, "DO $$ BEGIN IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '" + role + "') THEN\n"
                + "  RAISE EXCEPTION 'run before the role is made';\nEND IF; END $$;\nCREATE TABLE d (id int);", "DROP TABLE d;");
        pair(3, createRoleUnlessItExists(role), "SELECT 1; -- keeps the role");
        pairForgettingAnIndex(4);
        pair(5, "CREATE TABLE c (id int);", "DROP TABLE c;");
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        assertThat(report.revisions().get(3).result(Check.DOWNGRADE_RESTORES_SCHEMA)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.FAILED);
        CheckResult next = report.revisions().get(4).result(Check.UPGRADES_APPLY).orElseThrow();
        assertThat(next.outcome()).isEqualTo(Outcome.NOT_REACHED);
        assertThat(next.reason()).startsWith("the walk stopped: the state after revision 0004 (r4) could not be rebuilt")
                .contains("replaying the upgrade of revision 0002 (r2)", "run before the role is made");
    }

    /**
     * A checkpoint after revision 2's upgrade holds a copy of its grant, and revision 3's upgrade revokes it and drops the
     * role: Postgres refused the DROP ROLE for the copy ("1 object in database migrationtest_..."), and the upgrade failed,
     * though on the user's one database it runs. The walk drops its copy and runs the upgrade again, as for a downgrade.
     */
    @Test
    void an_upgrade_drops_a_role_though_the_walk_keeps_a_copy_of_its_grant() throws IOException, SQLException {
        String role = "migrationtest_upgrade_dropped_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        String createRole = createRoleUnlessItExists(role);
        pair(1, DEFERRING_UP, DEFERRING_DOWN);
        pair(2, createRole + "\nGRANT SELECT ON a TO " + role + ";", "REVOKE SELECT ON a FROM " + role + ";");
        pair(3, "REVOKE SELECT ON a FROM " + role + ";\nDROP ROLE " + role + ";",
                createRole + "\nGRANT SELECT ON a TO " + role + ";");
        pair(4, "CREATE TABLE c (id int);", "DROP TABLE c;");
        server = superuserMigrations();

        // a checkpoint before every round trip that commits (all of them: the key is deferrable)
        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1).withCheckpointInterval(1));

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.revisions().get(2).result(Check.UPGRADES_APPLY)).get()
                .extracting(CheckResult::outcome).isEqualTo(Outcome.PASSED);
    }

    @Test
    void a_downgrade_outside_a_transaction_refused_for_the_walks_copy_says_so() throws IOException, SQLException {
        // goose's NO TRANSACTION: the first statements ran before DROP ROLE was refused, so the step cannot run again;
        // the failure names the copy as the verifier's instead of sending the user after the statement.
        String role = "migrationtest_held_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Files.writeString(history.resolve("00001_a.sql"),
                "-- +goose Up\nCREATE TABLE a (id int PRIMARY KEY, v int);\n\n-- +goose Down\nDROP TABLE a;\n");
        Files.writeString(history.resolve("00002_reader.sql"), ("-- +goose NO TRANSACTION\n-- +goose Up\nCREATE ROLE R;\n"
                + "GRANT SELECT ON a TO R;\nCREATE INDEX CONCURRENTLY a_v ON a (v);\n\n-- +goose Down\n"
                + "DROP INDEX CONCURRENTLY a_v;\nREVOKE SELECT ON a FROM R;\nDROP ROLE R;\n").replace("R;", role + ";"));
        server = superuserMigrations();

        VerificationReport report = verifyThenDropRole(role, VerifierOptions.defaults().withJobs(1));

        CheckResult down = report.revisions().get(1).result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow();
        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.error().orElseThrow().message()).contains("a copy of the database the verifier keeps");
        assertThat(down.fix()).startsWith("Nothing to change at ");
    }

    @Test
    void an_init_script_that_creates_a_role_walks_in_parts_on_databases_of_one_server() throws IOException {
        // Netflix/conductor's V1 gives its schema to the role conductor, which the deployment makes: an init script
        // with a plain CREATE ROLE (Postgres has no IF NOT EXISTS for roles). The init scripts run on every part's
        // database; on one server the second part's CREATE ROLE failed with "role ... already exists" (exit 2), then
        // each part took a server of its own (about 2 s each). A plain CREATE ROLE in an init script now keeps a role
        // the server has, so the parts share the run's server, and the role: revision 12 grants to it.
        String role = "migrationtest_init_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        for (int i = 1; i <= 12; i++) {
            pair(i, "CREATE TABLE t" + i + " (id int PRIMARY KEY, name text);" + (i == 12 ? "\nGRANT SELECT ON t12 TO "
                    + role + ";" : ""), "DROP TABLE t" + i + ";");
        }
        Path init = Files.writeString(scripts.resolve("init-role.sql"), "CREATE ROLE " + role + " NOLOGIN;\n");
        ServersSeen source = new ServersSeen(MigrationSources.open(history, SourceOptions.defaults()));

        Run parted = verify(source, VerifierOptions.defaults().withJobs(2).withInitScripts(List.of(init)));

        assertThat(parted.parts()).isEqualTo(2);
        assertThat(parted.note()).as("why the walk is planned as it is").isEmpty();
        assertThat(source.servers).as("servers the upgrades ran on, by start time").hasSize(1);
        assertThat(parted.report().passed()).as(parted.report().toString()).isTrue();
    }

    @Test
    void an_init_script_that_creates_a_role_in_a_do_block_walks_in_parts_on_servers_of_their_own() throws IOException {
        // Two parts running the block at once both find no role, and the second's CREATE fails on the first's row; a
        // plain CREATE ROLE would be kept, this one is the script's own logic.
        for (int i = 1; i <= 12; i++) {
            pair(i, "CREATE TABLE t" + i + " (id int PRIMARY KEY, name text);", "DROP TABLE t" + i + ";");
        }
        String role = "migrationtest_init_role_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Path init = Files.writeString(scripts.resolve("init-role.sql"), "DO $$ BEGIN\n"
                + "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN\n"
                + "    CREATE ROLE " + role + " NOLOGIN;\n  END IF;\nEND $$;\n");
        MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
        long serversBefore = postgresProcesses();

        Run parted = verify(source, VerifierOptions.defaults().withJobs(2).withInitScripts(List.of(init)));

        assertThat(parted.parts()).isEqualTo(2);
        assertThat(parted.note()).isEqualTo("each part but the last on a server of its own, since " + init + ":3: CREATE ROLE"
                + " changes what all databases of a server share");
        assertThat(parted.report().passed()).as(parted.report().toString()).isTrue();
        assertThat(postgresProcesses()).as("postgres processes once the twin server is stopped").isEqualTo(serversBefore);
    }

    /** A source that notes which server each upgrade ran on: its postmaster's start time tells servers apart. */
    private static final class ServersSeen extends DelegatingSource {
        private final Set<String> servers = java.util.concurrent.ConcurrentHashMap.newKeySet();

        ServersSeen(MigrationSource source) {
            super(source);
        }

        @Override
        public io.github.migrationtest.verifier.source.StepResult upgrade(Revision revision, java.sql.Connection connection) {
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet row = statement.executeQuery("select pg_postmaster_start_time()::text")) {
                row.next();
                servers.add(row.getString(1));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return source.upgrade(revision, connection);
        }
    }

    /** The Postgres processes this JVM started, the twin servers' among them. */
    private static long postgresProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/postgres")).count();
    }

    @Test
    void a_failure_on_any_database_drops_every_database_and_names_the_cause() throws IOException {
        historyWithBrokenDowngrades();
        Path init = history.resolveSibling(history.getFileName() + "-init.sql");
        Files.writeString(init, "CREATE EXTENSION no_such_extension;\n");
        try {
            Set<String> before = server.openDatabases();
            MigrationSource source = MigrationSources.open(history, SourceOptions.defaults());
            assertThatThrownBy(() -> new Verifier(source, VerifierOptions.defaults().withJobs(3).withInitScripts(List.of(init)))
                    .verify(server))
                    .hasMessageContaining("no_such_extension");
            assertThat(server.openDatabases()).isEqualTo(before);
        } finally {
            Files.delete(init);
        }
    }

    /** A source that says its steps must not overlap, and counts the steps that did. */
    private static final class OneStepAtATime extends DelegatingSource {
        private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int overlapped;

        OneStepAtATime(MigrationSource source) {
            super(source);
        }

        /** What this test is about: a source that cannot take steps at once, whatever it wraps. */
        @Override
        public boolean supportsConcurrentSteps() {
            return false;
        }

        @Override
        public io.github.migrationtest.verifier.source.StepResult upgrade(Revision revision, java.sql.Connection connection) {
            return counted(() -> source.upgrade(revision, connection));
        }

        @Override
        public io.github.migrationtest.verifier.source.StepResult downgrade(Revision revision, java.sql.Connection connection) {
            return counted(() -> source.downgrade(revision, connection));
        }

        private io.github.migrationtest.verifier.source.StepResult counted(
                java.util.function.Supplier<io.github.migrationtest.verifier.source.StepResult> step) {
            if (running.incrementAndGet() > 1) {
                overlapped++;
            }
            try {
                Thread.sleep(2); // long enough for another database's step to come in, were it let
                return step.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
