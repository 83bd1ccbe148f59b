package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reads after each statement of a transactional step ({@code CatalogReads.readLocked}) tell: which statement
 * built an index on an existing table, when a step builds several on one table, drops one and builds another, or
 * rebuilds them by changing a column's type (a rewrite, not a new index); and a lock released by a rollback to a
 * savepoint and taken again. A locked read that counted a table's indexes only from those created since the previous
 * read (and not the ones dropped) calls the rebuild a new index; one that kept a released lock misses the second. The
 * reads count a table's indexes again only after an index was dropped (otherwise they add those they name): a table
 * held first for a foreign key and then indexed, and one whose build a rollback to a savepoint undid (no drop tells),
 * are counted right.
 */
class LockedReadsTest {

    @TempDir
    Path history;

    @Test
    void each_statement_that_builds_an_index_in_place_is_named_with_its_index() throws IOException {
        write("0001_base", """
                CREATE TABLE a (id bigint PRIMARY KEY, x int, y int);
                CREATE TABLE b (id bigint PRIMARY KEY, x int);
                CREATE INDEX b_x ON b (x);
                CREATE TABLE c (id bigint PRIMARY KEY, v int);
                CREATE INDEX c_v ON c (v);
                INSERT INTO a SELECT g, g, g FROM generate_series(1, 100) g;
                INSERT INTO b SELECT g, g FROM generate_series(1, 100) g;
                INSERT INTO c SELECT g, g FROM generate_series(1, 100) g;""", "DROP TABLE a, b, c;");
        // SHARE locks only: the second build is counted from the first's count, not read again.
        write("0002_two_builds", "CREATE INDEX a_x ON a (x);\nCREATE INDEX a_y ON a (y);",
                "DROP INDEX a_x;\nDROP INDEX a_y;");
        write("0003_drop_then_build", "DROP INDEX b_x;\nCREATE INDEX b_x2 ON b (x);",
                "DROP INDEX b_x2;\nCREATE INDEX b_x ON b (x);");
        // Its index is dropped and built again with a new oid: a rewrite, not a new index. After another statement, so
        // that the read does not count every index as a step's first read does.
        write("0004_type_change", "ALTER TABLE c ADD COLUMN w int;\nALTER TABLE c ALTER COLUMN v TYPE bigint;",
                "ALTER TABLE c ALTER COLUMN v TYPE int;\nALTER TABLE c DROP COLUMN w;");
        // Under ACCESS EXCLUSIVE from the first statement: a build after a drop is a build again.
        write("0005_build_drop_build", "ALTER TABLE a ADD COLUMN z int;\nCREATE INDEX a_z ON a (z);\nDROP INDEX a_z;\n"
                + "CREATE INDEX a_z2 ON a (z);", "DROP INDEX a_z2;\nALTER TABLE a DROP COLUMN z;");

        VerificationReport report = verify();

        assertThat(builds(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "0002 UP 1 public.a: new index public.a_x built in place",
                "0002 UP 2 public.a: new index public.a_y built in place",
                "0003 UP 2 public.b: new index public.b_x2 built in place",
                "0003 DOWN 2 public.b: new index public.b_x built in place",
                "0005 UP 2 public.a: new index public.a_z built in place",
                "0005 UP 4 public.a: new index public.a_z2 built in place");
        assertThat(report.revision("0004").orElseThrow().safety()).extracting(SafetyFinding::finding)
                .contains(Finding.TABLE_REWRITE);
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    /**
     * Found on a real diesel history: an ALTER that drops a table's constraints and adds others leaves its index count
     * as it was, so its builds went unreported there and were named at the next statement that added an index.
     */
    @Test
    void an_index_is_named_at_the_statement_that_built_it_when_that_statement_also_dropped_indexes() throws IOException {
        write("0001_base", """
                CREATE TABLE t (id int NOT NULL, h int NOT NULL, d int NOT NULL, v varchar(50),
                    CONSTRAINT t_pkey PRIMARY KEY (id), CONSTRAINT t_h_key UNIQUE (h));
                CREATE INDEX t_v ON t (v);
                INSERT INTO t SELECT g, g, g, 'v' || g FROM generate_series(1, 100) g;""", "DROP TABLE t;");
        write("0002_swap", "ALTER TABLE t DROP CONSTRAINT t_pkey, DROP CONSTRAINT t_h_key, ADD CONSTRAINT t_pkey PRIMARY KEY (h),"
                + " ADD CONSTRAINT t_d_key UNIQUE (d);\nCREATE UNIQUE INDEX t_id_idx ON t (id);",
                "DROP INDEX t_id_idx;\nALTER TABLE t DROP CONSTRAINT t_pkey, DROP CONSTRAINT t_d_key,"
                + " ADD CONSTRAINT t_pkey PRIMARY KEY (id), ADD CONSTRAINT t_h_key UNIQUE (h);");
        // The index on v gets a new oid but keeps its storage: not built (the downgrade rewrites the table).
        write("0003_widen_indexed", "ALTER TABLE t ADD COLUMN w int;\nALTER TABLE t ALTER COLUMN v TYPE varchar(100);",
                "ALTER TABLE t ALTER COLUMN v TYPE varchar(50);\nALTER TABLE t DROP COLUMN w;");
        // CONCURRENTLY in the file: its statements run in auto-commit, read whole after each.
        write("0004_autocommit_swap", "CREATE INDEX CONCURRENTLY t_h2 ON t (h);\n"
                + "ALTER TABLE t DROP CONSTRAINT t_d_key, ADD CONSTRAINT t_d_key2 UNIQUE (d);\nCREATE INDEX t_v2 ON t (v);",
                "DROP INDEX t_v2;\nALTER TABLE t DROP CONSTRAINT t_d_key2, ADD CONSTRAINT t_d_key UNIQUE (d);\nDROP INDEX t_h2;");

        VerificationReport report = verify();

        assertThat(builds(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "0002 UP 1 public.t: new index public.t_d_key, public.t_pkey built in place",
                "0002 UP 2 public.t: new index public.t_id_idx built in place",
                "0002 DOWN 2 public.t: new index public.t_h_key, public.t_pkey built in place",
                "0004 UP 2 public.t: new index public.t_d_key2 built in place",
                "0004 UP 3 public.t: new index public.t_v2 built in place",
                "0004 DOWN 2 public.t: new index public.t_d_key built in place");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    /**
     * Found on a real goose history: an index on a partitioned table has no storage of its own, and the partitioned
     * table's other indexes, made before the step, were named as new with it.
     */
    @Test
    void an_index_on_a_partitioned_table_is_named_alone() throws IOException {
        write("0001_base", """
                CREATE TABLE ev (id bigint, tenant int, scope text, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE INDEX ev_tenant ON ev (tenant);
                CREATE TABLE other (id int);""", "DROP TABLE ev;\nDROP TABLE other;");
        write("0002_index", "CREATE INDEX ev_scope ON ev (tenant, scope) WHERE scope IS NOT NULL;\n"
                + "ALTER TABLE other ADD COLUMN f uuid;", "ALTER TABLE other DROP COLUMN f;\nDROP INDEX ev_scope;");

        VerificationReport report = verify();

        assertThat(builds(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "0002 UP 1 public.ev: new index public.ev_scope built in place",
                "0002 UP 1 public.ev_2024: new index public.ev_2024_tenant_scope_idx built in place");
    }

    /**
     * A read looks only at the indexes made since the previous read, whichever table they are on: those of a table
     * the step created are passed over once and never named, and a build on an existing table after them is named.
     */
    @Test
    void builds_on_existing_tables_are_named_between_indexes_of_tables_the_step_creates() throws IOException {
        write("0001_base", "CREATE TABLE a (id bigint PRIMARY KEY, x int, y int);", "DROP TABLE a;");
        write("0002_mixed", """
                CREATE INDEX a_x ON a (x);
                CREATE TABLE n (id bigint PRIMARY KEY, v int, w int);
                CREATE INDEX n_v ON n (v);
                CREATE INDEX n_w ON n (w);
                CREATE INDEX a_y ON a (y);
                CREATE INDEX n_vw ON n (v, w);""", "DROP TABLE n;\nDROP INDEX a_y;\nDROP INDEX a_x;");

        VerificationReport report = verify();

        assertThat(builds(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "0002 UP 1 public.a: new index public.a_x built in place",
                "0002 UP 5 public.a: new index public.a_y built in place");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    @Test
    void an_index_built_on_a_table_held_before_in_a_mode_that_builds_none_is_named() throws IOException {
        write("0001_base", "CREATE TABLE p (id bigint PRIMARY KEY, a int);\nCREATE TABLE q (id bigint PRIMARY KEY, a int);",
                "DROP TABLE p, q;");
        // p shows up locked first by the foreign key, with no index built: its count is the step's start's until the
        // build.
        write("0002_referenced_then_indexed", "CREATE TABLE r (p_id bigint REFERENCES p (id));\nCREATE INDEX p_a ON p (a);",
                "DROP TABLE r;\nDROP INDEX p_a;");
        // The rollback undoes q_a and releases its SHARE lock without a drop, so the reads after it must count q's
        // indexes again: kept from the read that saw q_a, the count would hide q_a2.
        write("0003_savepoint", "SAVEPOINT s;\nCREATE INDEX q_a ON q (a);\nROLLBACK TO SAVEPOINT s;\n"
                + "CREATE TABLE r2 (q_id bigint REFERENCES q (id));\nCREATE INDEX q_a2 ON q (a);",
                "DROP INDEX q_a2;\nDROP TABLE r2;");

        VerificationReport report = verify();

        assertThat(builds(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "0002 UP 2 public.p: new index public.p_a built in place",
                "0003 UP 2 public.q: new index public.q_a built in place",
                "0003 UP 5 public.q: new index public.q_a2 built in place");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    @Test
    void a_lock_released_by_a_rollback_to_a_savepoint_and_taken_again_is_taken_again() throws IOException {
        write("0001_base", "CREATE TABLE s (id bigint PRIMARY KEY, a int);", "DROP TABLE s;");
        // The same modes and scans as the read before the rollback knew: only the released lock tells them apart.
        write("0002_lock_again", "SAVEPOINT before_lock;\nLOCK TABLE s IN SHARE MODE;\nROLLBACK TO SAVEPOINT before_lock;\n"
                + "LOCK TABLE s IN SHARE MODE;", "SELECT 1;");

        VerificationReport report = verify();

        assertThat(report.revision("0002").orElseThrow().safety())
                .filteredOn(f -> f.finding() == Finding.LOCK_WITHOUT_TIMEOUT)
                .extracting(f -> f.line() + " " + f.object() + ": " + f.detail())
                .as(SafetyCorpusTest.details(report))
                .containsExactly("2 public.s: SHARE (blocks writes) taken with lock_timeout 0",
                        "4 public.s: SHARE (blocks writes) taken with lock_timeout 0");
    }

    @Test
    void a_failed_read_of_the_recorders_log_leaves_the_migrations_transaction_as_it_was() throws SQLException {
        // No recorder in this database, as after a migration dropped it: the read fails inside the migration's
        // transaction, which must go on with its work (a savepoint, set and released in the read's own round trip).
        try (DisposableDatabase database = PostgresServer.shared().createDatabase();
                Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                assertThatThrownBy(() -> CatalogReads.dropped(connection, List.of(1L)))
                        .isInstanceOf(SQLException.class).hasMessageContaining("migrationtest_recorder");
                assertThatThrownBy(() -> CatalogReads.rewriteReasons(connection, 1L))
                        .isInstanceOf(SQLException.class).hasMessageContaining("migrationtest_recorder");
                statement.execute("INSERT INTO kept VALUES (1)");
                connection.commit();
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM kept")) {
                    row.next();
                    assertThat(row.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void a_history_whose_superuser_migration_drops_the_recorder_is_walked() throws IOException {
        write("0001_base", "CREATE TABLE t (id int);", "DROP TABLE t;");
        // Dropped again inside each rolled-back round trip: the reads of its log (safety naming t, the snapshot's drain)
        // fail there, and must leave the transaction usable.
        write("0002_drops_the_recorder", "DROP SCHEMA migrationtest_recorder CASCADE;\nDROP TABLE t;",
                "CREATE TABLE t (id int);");
        write("0003_after", "CREATE TABLE u (id int);", "DROP TABLE u;");

        VerificationReport report;
        try (PostgresServer server = PostgresServer.start(PostgresSettings.fromEnvironment()
                .withBackend(Backend.EMBEDDED).withMigrations(MigrationLogin.SERVER_USER))) {
            report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                    VerifierOptions.defaults().withJobs(1)).verify(server);
        }

        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
        assertThat(report.revision("0002").orElseThrow().safety()).extracting(f -> f.direction() + " " + f.finding())
                .as(SafetyCorpusTest.details(report)).contains("UP DROPS_TABLE");
    }

    @Test
    void no_read_comes_before_a_transactions_first_query() throws IOException {
        // SET TRANSACTION must be a transaction's first query: a read before it made the migration fail.
        write("0001_serializable", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nCREATE TABLE t (id int);",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nDROP TABLE t;");
        write("0002_wrapped", "BEGIN;\nSET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;",
                "BEGIN;\nSET TRANSACTION ISOLATION LEVEL REPEATABLE READ;\nALTER TABLE t DROP COLUMN a;\nCOMMIT;");
        write("0003_two_transactions", "CREATE TABLE u (id int);\nCOMMIT;\nBEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\n"
                + "ALTER TABLE t ADD COLUMN b int;\nCOMMIT;", "ALTER TABLE t DROP COLUMN b;\nDROP TABLE u;");

        VerificationReport report = verify();

        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
        // Measured in the second transaction as in any other: the ALTER's lock, taken without a timeout.
        assertThat(report.revision("0003").orElseThrow().safety())
                .filteredOn(f -> f.finding() == Finding.LOCK_WITHOUT_TIMEOUT && f.direction() == Direction.UP)
                .extracting(f -> f.line() + " " + f.object() + " " + f.evidence())
                .containsExactly("5 public.t MEASURED");
    }

    /** The index builds found, in the order of the revisions and their statements. */
    private static List<String> builds(VerificationReport report) {
        List<String> builds = new ArrayList<>();
        report.revisions().forEach(r -> r.safety().stream()
                .filter(f -> f.finding() == Finding.INDEX_WITHOUT_CONCURRENTLY)
                .forEach(f -> builds.add(r.label().split(" ")[0] + " " + f.direction() + " " + f.line() + " "
                        + f.object() + ": " + f.detail())));
        return builds;
    }

    private VerificationReport verify() {
        PostgresServer server = PostgresServer.shared(PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED));
        return new Verifier(MigrationSources.open(history, SourceOptions.defaults()), VerifierOptions.defaults().withJobs(1))
                .verify(server);
    }

    private void write(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }
}
