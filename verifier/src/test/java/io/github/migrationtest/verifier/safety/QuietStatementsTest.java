package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements after which a transactional step's read is skipped ({@link QuietStatements}), and that every finding
 * stays where it was: at the statement that took the lock or built the index, with the statements run while a lock
 * was held counted, quiet ones too. A table of the step's name that became another relation, a search path changed
 * since the table was made, and a user's event trigger that locks a table on a {@code COMMENT} keep their reads.
 */
class QuietStatementsTest {

    @TempDir
    Path history;

    @Test
    void statements_that_reach_no_existing_relation_are_quiet() {
        QuietStatements quiet = new QuietStatements(false);

        assertThat(quiet.quiet("COMMENT ON COLUMN E.W IS 'x'")).isTrue();
        assertThat(quiet.quiet("CREATE OR REPLACE FUNCTION F() RETURNS INT LANGUAGE SQL AS 'select 1'")).isTrue();
        assertThat(quiet.quiet("CREATE VIEW V AS SELECT * FROM E")).isTrue();
        assertThat(quiet.quiet("CREATE MATERIALIZED VIEW M AS SELECT * FROM E")).isFalse();
        assertThat(quiet.quiet("GRANT SELECT ON E TO PUBLIC")).isTrue();
        assertThat(quiet.quiet("CREATE SCHEMA S AUTHORIZATION APP")).isTrue();
        assertThat(quiet.quiet("CREATE SCHEMA S CREATE TABLE T (ID INT REFERENCES E)")).isFalse();
        assertThat(quiet.quiet("CREATE TABLE N (ID INT PRIMARY KEY, G INT GENERATED ALWAYS AS (ID * 2) STORED)")).isTrue();
        assertThat(quiet.quiet("CREATE TABLE R (E_ID INT REFERENCES E)")).isFalse();
        assertThat(quiet.quiet("CREATE TABLE P PARTITION OF E FOR VALUES IN (1)")).isFalse();
        assertThat(quiet.quiet("CREATE TABLE C AS SELECT * FROM E")).isFalse();
        assertThat(quiet.quiet("CREATE INDEX N_G ON N (G)")).isTrue();
        assertThat(quiet.quiet("CREATE UNIQUE INDEX ON ONLY N USING BTREE (G)")).isTrue();
        assertThat(quiet.quiet("ALTER TABLE N ADD COLUMN X INT")).isTrue();
        assertThat(quiet.quiet("ALTER TABLE N ADD CONSTRAINT N_E FOREIGN KEY (ID) REFERENCES E")).isFalse();
        assertThat(quiet.quiet("CREATE TABLE \"child\" (ID INT REFERENCES N (ID), UP INT REFERENCES \"child\")"))
                .as("keys to tables of the step's own").isTrue();
        assertThat(quiet.quiet("ALTER TABLE \"child\" ADD CONSTRAINT C_N FOREIGN KEY (ID) REFERENCES N(ID) ON DELETE CASCADE"))
                .isTrue();
        assertThat(quiet.quiet("ALTER TABLE \"child\" ADD FOREIGN KEY (ID) REFERENCES N, ADD FOREIGN KEY (UP) REFERENCES E"))
                .as("one of its keys to a table the step did not create").isFalse();
        assertThat(quiet.quiet("CREATE TABLE K (ID INT REFERENCES PUBLIC.N)")).as("written another way").isFalse();
        assertThat(quiet.quiet("CREATE TABLE K2 (NOTE TEXT DEFAULT 'REFERENCES N', ID INT REFERENCES E)")).isFalse();
        assertThat(quiet.quiet("CREATE TRIGGER N_T BEFORE INSERT ON N FOR EACH ROW EXECUTE FUNCTION F()")).isTrue();
        assertThat(quiet.quiet("CREATE POLICY N_P ON N USING (ID IN (SELECT ID FROM E))")).isTrue();
        assertThat(quiet.quiet("ALTER TYPE MOOD ADD VALUE 'calm'")).isTrue();
        assertThat(quiet.quiet("ALTER TYPE MOOD RENAME ATTRIBUTE A TO B CASCADE")).isFalse();
        assertThat(quiet.quiet("DROP FUNCTION IF EXISTS F()")).isTrue();
        assertThat(quiet.quiet("DROP VIEW V")).isTrue();
        assertThat(quiet.quiet("DROP TYPE MOOD CASCADE")).as("takes the columns of that type with it").isFalse();
        assertThat(quiet.quiet("ALTER SEQUENCE S RESTART WITH 5")).isTrue();
        assertThat(quiet.quiet("DROP MATERIALIZED VIEW M")).isFalse();
        assertThat(quiet.quiet("CREATE INDEX E_W ON E (W)")).as("a table the step did not create").isFalse();
        assertThat(quiet.quiet("CREATE POLICY E_P ON E USING (TRUE)")).isFalse();
        assertThat(quiet.quiet("ALTER TABLE E ADD COLUMN X INT")).isFalse();
        assertThat(quiet.quiet("INSERT INTO N VALUES (1)")).isFalse();
    }

    @Test
    void a_table_is_the_steps_own_only_as_it_was_made_and_until_names_may_mean_another() {
        QuietStatements quiet = new QuietStatements(false);
        quiet.quiet("CREATE TABLE IF NOT EXISTS KEPT (ID INT)");
        assertThat(quiet.quiet("CREATE INDEX ON KEPT (ID)")).as("IF NOT EXISTS may leave an older table").isFalse();

        quiet.quiet("CREATE TABLE \"Mixed\" (ID INT)");
        assertThat(quiet.quiet("CREATE INDEX ON \"Mixed\" (ID)")).isTrue();
        assertThat(quiet.quiet("CREATE INDEX ON PUBLIC.\"Mixed\" (ID)")).as("written another way").isFalse();
        quiet.quiet("SET SEARCH_PATH = OTHER");
        assertThat(quiet.quiet("CREATE INDEX ON \"Mixed\" (ID)")).isFalse();

        quiet.quiet("CREATE TABLE T (ID INT)");
        quiet.quiet("ALTER TABLE OLD RENAME TO T2");
        assertThat(quiet.quiet("CREATE INDEX ON T (ID)")).isFalse();

        quiet.quiet("CREATE TABLE U (ID INT)");
        quiet.quiet("ALTER TABLE \"Two\nLines\" RENAME TO U2");
        assertThat(quiet.quiet("CREATE INDEX ON U (ID)")).as("a line break in a quoted name hides no rename").isFalse();

        quiet.quiet("CREATE TABLE GONE (ID INT)");
        quiet.quiet("DROP TABLE GONE");
        assertThat(quiet.quiet("CREATE INDEX ON GONE (ID)")).as("the name may find another schema's table now").isFalse();

        quiet.quiet("CREATE TABLE PARENT (ID INT)");
        quiet.quiet("ALTER TABLE EXISTING INHERIT PARENT");
        assertThat(quiet.quiet("ALTER TABLE PARENT ADD COLUMN X INT")).as("would reach its new child").isFalse();
    }

    @Test
    void nothing_is_quiet_once_a_statement_may_have_added_an_event_trigger_or_while_a_users_is_installed() {
        QuietStatements quiet = new QuietStatements(false);
        assertThat(quiet.quiet("COMMENT ON TABLE E IS 'x'")).isTrue();
        quiet.quiet("DO $$ BEGIN PERFORM 1; END $$");
        assertThat(quiet.quiet("COMMENT ON TABLE E IS 'x'")).isFalse();

        assertThat(new QuietStatements(true).quiet("COMMENT ON TABLE E IS 'x'")).isFalse();
    }

    @Test
    void a_quiet_statement_is_followed_by_no_read() throws SQLException {
        try (DisposableDatabase database = PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED)).createDatabase();
                Connection connection = database.connect()) {
            assertThat(IncrementalReader.start(connection, SnapshotOptions.defaults()).isIncremental())
                    .as("the recorder, whose log names what a step drops, is what lets reads be skipped").isTrue();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE e (id int PRIMARY KEY)");
            }
            connection.setAutoCommit(false);
            SafetyRecorder safety = new SafetyRecorder();
            safety.begin(Direction.UP, connection, false, false);
            SqlScript.parse("step.sql", """
                    CREATE TABLE n (id int PRIMARY KEY);
                    CREATE TABLE m (id int PRIMARY KEY REFERENCES n, up int REFERENCES m);
                    COMMENT ON TABLE e IS 'quiet';
                    ALTER TABLE e ADD COLUMN w int;
                    CREATE INDEX m_up ON m (up);
                    CREATE INDEX e_w ON e (w);""").statements().forEach(s -> {
                ExecutedStatement executed = new ExecutedStatement("step.sql", s.line(), s.sql(), s.code(), true);
                safety.beforeStatement(connection, executed);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(s.sql());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                safety.afterStatement(connection, executed);
            });
            StepRecord step = safety.end(Direction.UP, connection, false);
            connection.rollback();

            assertThat(step.reads()).as("after the ALTER and the index of e only").isEqualTo(2);
            assertThat(step.findings()).extracting(f -> f.line() + " " + f.finding()).containsExactly(
                    "4 LOCK_WITHOUT_TIMEOUT", "4 LOCK_HELD_ACROSS_STATEMENTS", "6 LOCK_WITHOUT_TIMEOUT",
                    "6 INDEX_WITHOUT_CONCURRENTLY");
        }
    }

    @Test
    void findings_stay_at_their_statements_with_quiet_statements_between() throws IOException {
        write("0001_base", """
                CREATE TABLE e (id bigint PRIMARY KEY, v int);
                INSERT INTO e SELECT g, g FROM generate_series(1, 100) g;
                CREATE TABLE r (id bigint PRIMARY KEY, v int);""", "DROP TABLE e, r;");
        write("0002_quiet_between", """
                ALTER TABLE e ADD COLUMN w int;
                COMMENT ON COLUMN e.w IS 'quiet';
                CREATE TABLE n (id bigint PRIMARY KEY, note text);
                CREATE INDEX n_note ON n (note);
                CREATE FUNCTION n_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM n';
                GRANT SELECT ON e TO PUBLIC;
                CREATE INDEX e_w ON e (w);""", """
                DROP INDEX e_w;
                REVOKE SELECT ON e FROM PUBLIC;
                DROP FUNCTION n_count();
                DROP TABLE n;
                ALTER TABLE e DROP COLUMN w;""");
        // r renamed to the name of the table the step made: the index is r's, built in place.
        write("0003_renamed_into_place", """
                CREATE TABLE swap (id int);
                ALTER TABLE swap RENAME TO swap_new;
                ALTER TABLE r RENAME TO swap;
                CREATE INDEX swap_v ON swap (v);""", """
                DROP INDEX swap_v;
                ALTER TABLE swap RENAME TO r;
                DROP TABLE swap_new;""");
        // The search path put back after a table of the same name was made elsewhere: e is public's.
        write("0004_search_path", """
                CREATE SCHEMA side;
                SET LOCAL search_path = side;
                CREATE TABLE e (id int, v int);
                RESET search_path;
                CREATE INDEX e_v ON e (v);""", """
                DROP INDEX e_v;
                DROP SCHEMA side CASCADE;""");

        // Keys between the step's own tables are quiet; one to e is not, whatever else the statement references.
        write("0005_keys", """
                CREATE TABLE k (id bigint PRIMARY KEY);
                CREATE TABLE k2 (id bigint PRIMARY KEY REFERENCES e, k_id bigint REFERENCES k);
                ALTER TABLE k ADD COLUMN k2_id bigint REFERENCES k2;""", "DROP TABLE k2, k CASCADE;");

        VerificationReport report = verify(PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED)));

        assertThat(findings(report, "0005")).filteredOn(f -> f.startsWith("UP")).containsExactly(
                "UP 2 LOCK_WITHOUT_TIMEOUT public.e: SHARE ROW EXCLUSIVE (blocks writes) taken with lock_timeout 0",
                "UP 2 LOCK_HELD_ACROSS_STATEMENTS public.e: SHARE ROW EXCLUSIVE (blocks writes) held while 1 later"
                        + " statement(s) ran, up to 0005_keys.up.sql:3");
        assertThat(findings(report, "0002")).containsExactly(
                "UP 1 LOCK_WITHOUT_TIMEOUT public.e: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0",
                "UP 1 LOCK_HELD_ACROSS_STATEMENTS public.e: ACCESS EXCLUSIVE (blocks reads and writes) held while 6 later"
                        + " statement(s) ran, up to 0002_quiet_between.up.sql:7",
                "UP 7 LOCK_WITHOUT_TIMEOUT public.e: SHARE (blocks writes) taken with lock_timeout 0",
                "UP 7 INDEX_WITHOUT_CONCURRENTLY public.e: new index public.e_w built in place",
                "DOWN 1 LOCK_WITHOUT_TIMEOUT public.e: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0",
                "DOWN 1 LOCK_HELD_ACROSS_STATEMENTS public.e: ACCESS EXCLUSIVE (blocks reads and writes) held while 4 later"
                        + " statement(s) ran, up to 0002_quiet_between.down.sql:5",
                "DOWN 5 DROPS_COLUMN public.e.w: column public.e.w (integer) is gone after the downgrade",
                "DOWN 4 DROPS_TABLE public.n: table public.n is gone after the downgrade");
        assertThat(findings(report, "0003")).filteredOn(f -> f.contains("INDEX_WITHOUT_CONCURRENTLY"))
                .containsExactly("UP 4 INDEX_WITHOUT_CONCURRENTLY public.r: new index public.swap_v built in place");
        assertThat(findings(report, "0004")).filteredOn(f -> f.contains("INDEX_WITHOUT_CONCURRENTLY"))
                .containsExactly("UP 5 INDEX_WITHOUT_CONCURRENTLY public.e: new index public.e_v built in place");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    @Test
    void a_users_event_trigger_keeps_every_read() throws IOException {
        write("0001_base", "CREATE TABLE e (id bigint PRIMARY KEY);", "DROP TABLE e;");
        write("0002_event_trigger", """
                CREATE FUNCTION lock_e() RETURNS event_trigger LANGUAGE plpgsql AS
                    'BEGIN LOCK TABLE e IN ACCESS EXCLUSIVE MODE; END';
                CREATE EVENT TRIGGER lock_e ON ddl_command_end WHEN TAG IN ('COMMENT') EXECUTE FUNCTION lock_e();""",
                "DROP EVENT TRIGGER lock_e;\nDROP FUNCTION lock_e();");
        write("0003_comment", "COMMENT ON TABLE e IS 'locked by the event trigger';", "COMMENT ON TABLE e IS NULL;");

        VerificationReport report;
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED).withMigrations(MigrationLogin.SERVER_USER))) {
            report = verify(server); // only a superuser creates event triggers
        }

        assertThat(findings(report, "0003")).containsExactly(
                "UP 1 LOCK_WITHOUT_TIMEOUT public.e: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0",
                "DOWN 1 LOCK_WITHOUT_TIMEOUT public.e: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0");
    }

    private static List<String> findings(VerificationReport report, String revision) {
        return report.revision(revision).orElseThrow().safety().stream()
                .map(f -> f.direction() + " " + f.line() + " " + f.finding() + " " + f.object() + ": "
                        + f.detail().replaceAll("\\S*/", ""))
                .toList();
    }

    private VerificationReport verify(PostgresServer server) {
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(server);
    }

    private void write(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }
}
