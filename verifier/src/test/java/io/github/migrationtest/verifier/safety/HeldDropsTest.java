package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.snapshot.IncrementalReader;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A drop told before it runs ({@link HeldDrops}) gives what the read after it gave: the same findings at the same
 * statements, every relation gone at the statement that dropped it, with fewer reads. A drop that reaches a table the
 * step has not locked (a foreign key's, or its own table's first lock) is read after, and its lock found there.
 */
class HeldDropsTest {

    private static final int TABLES = HeldDrops.MANY_LOCKED + 4;

    @Test
    void a_drop_of_a_held_table_or_of_its_index_is_told_before_it_runs_with_the_same_findings() throws SQLException {
        String schema = IntStream.rangeClosed(1, TABLES)
                .mapToObj(i -> "CREATE TABLE t" + i + " (id int PRIMARY KEY, v int); CREATE INDEX t" + i + "_v ON t" + i
                        + " (v);")
                .collect(Collectors.joining("\n")) + """
                CREATE TABLE solo (id int PRIMARY KEY);
                CREATE TABLE child (id int PRIMARY KEY, solo_id int REFERENCES solo);
                CREATE TABLE plain (id int);
                CREATE TABLE p (id int) PARTITION BY RANGE (id);
                CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);""";
        String step = IntStream.rangeClosed(1, TABLES).mapToObj(i -> "ALTER TABLE t" + i + " ADD COLUMN z int;")
                .collect(Collectors.joining("\n")) + """

                ALTER TABLE child ADD COLUMN z int;
                ALTER TABLE p1 ALTER COLUMN id SET DEFAULT 1;
                DROP INDEX t1_v;
                DROP TABLE IF EXISTS "t2";
                DROP TABLE public.t3 RESTRICT;
                DROP TABLE child;
                DROP TABLE plain;
                DROP TABLE p1;
                DROP INDEX t4_pkey;
                ALTER TABLE t4 DROP CONSTRAINT t4_pkey;
                DROP TABLE t4;""";

        try (DisposableDatabase database = PostgresServer.shared(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED)).createDatabase();
                Connection connection = database.connect()) {
            assertThat(IncrementalReader.start(connection, SnapshotOptions.defaults()).isIncremental()).isTrue();
            try (Statement statement = connection.createStatement()) {
                statement.execute(schema);
            }
            connection.setAutoCommit(false);
            StepRecord told = run(connection, new SafetyRecorder(), step);
            StepRecord read = run(connection, new SafetyRecorder(Integer.MAX_VALUE), step);

            // DROP INDEX t1_v, DROP TABLE "t2", DROP TABLE public.t3 RESTRICT, DROP TABLE t4 (held since the ALTERs) are
            // told; child reaches solo, plain is not held, p1 is a partition, t4_pkey backs a constraint (it fails).
            assertThat(read.reads() - told.reads()).isEqualTo(4);
            assertThat(lines(told)).isEqualTo(lines(read)).contains(
                    "26 LOCK_WITHOUT_TIMEOUT public.solo: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0",
                    "28 LOCK_WITHOUT_TIMEOUT public.p: ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0");
            for (String relation : List.of("public.t1_v", "public.t2", "public.t2_pkey", "public.t2_v", "public.t3",
                    "public.t3_v", "public.child", "public.plain", "public.p1", "public.t4", "public.t4_v")) {
                assertThat(told.whereVanished(relation).map(ExecutedStatement::line)).as(relation)
                        .isPresent().isEqualTo(read.whereVanished(relation).map(ExecutedStatement::line));
            }
            assertThat(told.whereVanished("public.t2").orElseThrow().line()).isEqualTo(24);
            // plain was dropped before anything else of the step locked it: no statement read its rows first.
            assertThat(told.droppedOutright()).isEqualTo(read.droppedOutright()).contains("public.plain")
                    .doesNotContain("public.t2");
        }
    }

    /** Runs the step's statements as the script runner does, measured, in a transaction rolled back after. */
    private static StepRecord run(Connection connection, SafetyRecorder safety, String sql) throws SQLException {
        safety.begin(Direction.DOWN, connection);
        for (var s : SqlScript.parse("step.sql", sql).statements()) {
            ExecutedStatement executed = new ExecutedStatement("step.sql", s.line(), s.sql(), s.code(), true);
            safety.beforeStatement(connection, executed);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SAVEPOINT s");
                statement.execute(s.sql());
                statement.execute("RELEASE SAVEPOINT s");
            } catch (SQLException failed) {
                // DROP INDEX of a constraint's index fails, as it would in a migration; the step goes on after it here
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK TO SAVEPOINT s");
                }
                continue;
            }
            safety.afterStatement(connection, executed);
        }
        StepRecord step = safety.end(Direction.DOWN, connection);
        connection.rollback();
        return step;
    }

    private static List<String> lines(StepRecord step) {
        return step.findings().stream().map(f -> f.line() + " " + f.finding() + " " + f.object() + ": " + f.detail())
                .toList();
    }
}
