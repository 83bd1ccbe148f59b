package io.github.migrationtest.verifier.source.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StatementListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A listener's queries ride in each statement's own round trip: the one before sees the database as the
 * statement found it, the one after as it left it (bookkeeping included), whatever results the statement
 * itself returns; statements that cannot carry them (auto-commit, COPY) are not asked.
 */
class CarriedQueriesTest {

    private static final Revision REVISION = Revision.reversible("1", "one", List.of("1.up.sql"));
    private static final Bookkeeping BOOKKEEPING = new Bookkeeping("versions",
            List.of("CREATE TABLE versions (version text)"), "INSERT INTO versions VALUES (%s)", "");

    private static final String TABLES = "select count(*), 0 from pg_catalog.pg_class where relname = 't'";

    private DisposableDatabase database;
    private Connection connection;

    /** Runs a query of two numbers before and after each statement it is asked about. */
    private static final class Counting implements StatementListener {
        final List<String> seen = new ArrayList<>();
        final List<String> asked = new ArrayList<>();
        final String count;

        Counting(String count) {
            this.count = count;
        }

        @Override
        public Carried carried(Connection connection, ExecutedStatement statement) {
            asked.add(statement.code());
            return new Carried() {
                @Override
                public String before() {
                    return count;
                }

                @Override
                public String after() {
                    return count;
                }

                @Override
                public void readBefore(ResultSet rows) {
                    seen.add("before " + statement.code() + ": " + read(rows));
                }

                @Override
                public void readAfter(ResultSet rows) {
                    seen.add("after " + statement.code() + ": " + read(rows));
                }
            };
        }

        private static String read(ResultSet rows) {
            try {
                rows.next();
                return rows.getInt(1) + " " + rows.getInt(2);
            } catch (SQLException e) {
                return e.getMessage();
            }
        }
    }

    @BeforeEach
    void connect() throws SQLException {
        database = PostgresServer.shared().createDatabase();
        connection = database.connect();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        database.close();
    }

    @Test
    void should_read_before_and_after_each_statement_in_its_round_trip() {
        // Whether t exists, and the bookkeeping's rows.
        Counting listener = new Counting("select (select count(*) from pg_catalog.pg_class where relname = 't'),"
                + " (select count(*) from versions)");
        ScriptRunner runner = new ScriptRunner(Duration.ZERO, Duration.ZERO, BOOKKEEPING);
        runner.reportTo(listener);

        runner.run(REVISION, Direction.UP, List.of(SqlScript.parse("1.up.sql",
                "CREATE TABLE t (a int);\nSELECT 1, 2 UNION ALL SELECT 3, 4;\nINSERT INTO t VALUES (1) -- last\n")), "", "1",
                connection);

        // The bookkeeping table is made before the step; its version goes with the last statement, before the read.
        assertThat(listener.seen).containsExactly(
                "before CREATE TABLE T (A INT): 0 0", "after CREATE TABLE T (A INT): 1 0",
                "before SELECT 1, 2 UNION ALL SELECT 3, 4: 1 0", "after SELECT 1, 2 UNION ALL SELECT 3, 4: 1 0",
                "before INSERT INTO T VALUES (1): 1 0", "after INSERT INTO T VALUES (1): 1 1");
        assertThat(rows("select count(*) from t")).isEqualTo(1);
        assertThat(rows("select count(*) from versions where version = '1'")).isEqualTo(1);
    }

    @Test
    void should_not_ask_statements_that_run_in_auto_commit_or_copy() {
        Counting listener = new Counting(TABLES);
        ScriptRunner runner = new ScriptRunner(Duration.ZERO, Duration.ZERO);
        runner.reportTo(listener);

        runner.run(REVISION, Direction.UP, List.of(SqlScript.parse("1.up.sql",
                "CREATE TABLE t (a int);\nCOPY t FROM STDIN;\n1\n\\.\nINSERT INTO t VALUES (2);\n")), "", connection);
        runner.run(REVISION, Direction.UP, List.of(SqlScript.parse("2.up.sql",
                "CREATE INDEX CONCURRENTLY t_a ON t (a);\n")), "", connection);

        assertThat(listener.asked).containsExactly("CREATE TABLE T (A INT)", "INSERT INTO T VALUES (2)");
        assertThat(rows("select count(*) from t")).isEqualTo(2);
    }

    @Test
    void should_place_a_failing_statement_as_without_carried_queries() {
        List<SqlScript> scripts = List.of(SqlScript.parse("1.up.sql",
                "CREATE TABLE t (a int);\n\nINSERT INTO t VALUES (1);\n  SELECT nope FROM t;\n"));
        ScriptRunner plain = new ScriptRunner(Duration.ZERO, Duration.ZERO);
        MigrationFailure expected = failure(() -> plain.run(REVISION, Direction.UP, scripts, "", connection));
        ScriptRunner carrying = new ScriptRunner(Duration.ZERO, Duration.ZERO);
        Counting listener = new Counting(TABLES);
        carrying.reportTo(listener);

        MigrationFailure actual = failure(() -> carrying.run(REVISION, Direction.UP, scripts, "", connection));

        assertThat(listener.seen).hasSize(4);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.location()).isEqualTo("1.up.sql:4:10"); // "nope"
        assertThat(rows("select count(*) from pg_catalog.pg_class where relname = 't'")).isZero();
    }

    private static MigrationFailure failure(Runnable step) {
        try {
            step.run();
        } catch (MigrationFailedException e) {
            return e.failure();
        }
        throw new AssertionError("the step did not fail");
    }

    private int rows(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
