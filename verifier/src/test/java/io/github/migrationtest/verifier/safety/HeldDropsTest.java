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
 * statements, every relation gone at the statement that dropped it, with fewer reads. A drop that locks a table the
 * step has not (a foreign key's referenced table, a partition's parent) is read after, and the lock found there.
 */
class HeldDropsTest {

    private static final int TABLES = HeldDrops.FROM_STATEMENT + 4;

    @Test
    void a_drop_that_takes_no_new_lock_is_told_before_it_runs_with_the_same_findings() throws SQLException {
        String schema = IntStream.rangeClosed(1, TABLES)
                .mapToObj(i -> "CREATE TABLE t" + i + " (id int PRIMARY KEY, v int); CREATE INDEX t" + i + "_v ON t" + i
                        + " (v);")
                .collect(Collectors.joining("\n")) + """

                CREATE TABLE solo (id int PRIMARY KEY);
                CREATE TABLE solo2 (id int PRIMARY KEY);
                CREATE TABLE child (id int PRIMARY KEY, solo_id int REFERENCES solo);
                CREATE TABLE child2 (id int PRIMARY KEY, t5_id int REFERENCES t5, up int REFERENCES child2);
                CREATE TABLE c1 (id int CONSTRAINT c1_ck CHECK (id > 0), t6_id int CONSTRAINT "c1_t6" REFERENCES t6,
                    solo2_id int CONSTRAINT c1_solo2 REFERENCES solo2);
                CREATE TABLE plain (id int);
                CREATE TABLE p (id int) PARTITION BY RANGE (id);
                CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);""";
        String step = IntStream.rangeClosed(1, TABLES).mapToObj(i -> "ALTER TABLE t" + i + " ADD COLUMN z int;")
                .collect(Collectors.joining("\n")) + """

                ALTER TABLE child ADD COLUMN z int;
                ALTER TABLE c1 ADD COLUMN z int;
                ALTER TABLE p1 ALTER COLUMN id SET DEFAULT 1;
                DROP INDEX t1_v;
                DROP TABLE IF EXISTS "t2";
                DROP TABLE public.t3 RESTRICT;
                DROP TABLE child;
                DROP TABLE plain;
                DROP TABLE p1;
                DROP INDEX t4_pkey;
                ALTER TABLE t4 DROP CONSTRAINT t4_pkey;
                DROP TABLE t4;
                DROP TABLE child2;
                ALTER TABLE c1 DROP CONSTRAINT c1_ck, DROP CONSTRAINT "c1_t6";
                ALTER TABLE c1 DROP CONSTRAINT IF EXISTS c1_solo2;""";

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

            // Told: t1_v (its table held), "t2", t3 and t4 (held), plain (no key), child2 (its keys to t5, held, and to
            // itself), c1's check and key to t6 (both tables held). Read: child (its key locks solo), p1 (a partition
            // locks p), t4_pkey's drop (fails: a constraint's), t4's primary key (an index), c1's key to solo2.
            assertThat(read.reads() - told.reads()).isEqualTo(7);
            assertThat(lines(told)).isEqualTo(lines(read)).contains(
                    line(step, "DROP TABLE child;") + " LOCK_WITHOUT_TIMEOUT public.solo: " + EXCLUSIVE,
                    line(step, "DROP TABLE p1;") + " LOCK_WITHOUT_TIMEOUT public.p: " + EXCLUSIVE,
                    line(step, "c1_solo2;") + " LOCK_WITHOUT_TIMEOUT public.solo2: " + EXCLUSIVE);
            for (String relation : List.of("public.t1_v", "public.t2", "public.t2_pkey", "public.t2_v", "public.t3",
                    "public.t3_v", "public.child", "public.plain", "public.p1", "public.t4", "public.t4_v",
                    "public.child2", "public.child2_pkey")) {
                assertThat(told.whereVanished(relation).map(ExecutedStatement::line)).as(relation)
                        .isPresent().isEqualTo(read.whereVanished(relation).map(ExecutedStatement::line));
            }
            assertThat(told.whereVanished("public.t2").orElseThrow().line()).isEqualTo(line(step, "\"t2\""));
            // plain and child2 went before anything else of the step locked them: no statement read their rows first.
            assertThat(told.droppedOutright()).isEqualTo(read.droppedOutright())
                    .contains("public.plain", "public.child2").doesNotContain("public.t2");
        }
    }

    @Test
    void a_long_statement_of_quoted_names_is_read_without_overflowing_the_stack() throws InterruptedException {
        // openlane drops up to 100 keys in one ALTER TABLE: the first pattern recursed per character of every quoted name
        // and overflowed a walk thread's stack (found running the corpus).
        String code = "ALTER TABLE \"groups\" " + IntStream.range(0, 300)
                .mapToObj(i -> "DROP CONSTRAINT \"groups_organizations_workflow_definition_creators_" + i + "\"")
                .collect(Collectors.joining(", "));
        boolean[] candidate = new boolean[1];
        Thread small = new Thread(null, () -> candidate[0] = HeldDrops.dropping(code) != null, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(candidate[0]).isTrue();
        assertThat(HeldDrops.dropping(code + ", ADD COLUMN x int")).isNull();
        assertThat(HeldDrops.dropping("ALTER TABLE T DROP CONSTRAINT C CASCADE")).isNull();
        assertThat(HeldDrops.dropping("DROP TABLE A, B")).isNull();
    }

    private static final String EXCLUSIVE = "ACCESS EXCLUSIVE (blocks reads and writes) taken with lock_timeout 0";

    /** The line of the step's statement that has this text. */
    private static int line(String step, String text) {
        List<String> lines = step.lines().toList();
        return IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(text)).findFirst().orElseThrow() + 1;
    }

    /** Runs the step's statements as the script runner does, measured, in a transaction rolled back after. */
    private static StepRecord run(Connection connection, SafetyRecorder safety, String sql) throws SQLException {
        safety.begin(Direction.DOWN, connection, false, false);
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
        StepRecord step = safety.end(Direction.DOWN, connection, false);
        connection.rollback();
        return step;
    }

    private static List<String> lines(StepRecord step) {
        return step.findings().stream().map(f -> f.line() + " " + f.finding() + " " + f.object() + ": " + f.detail())
                .toList();
    }
}
