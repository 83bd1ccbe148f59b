package io.github.migrationtest.verifier.safety;

import static io.github.migrationtest.verifier.safety.Finding.CONCURRENTLY_IN_TRANSACTION;
import static io.github.migrationtest.verifier.safety.Finding.DROPS_COLUMN;
import static io.github.migrationtest.verifier.safety.Finding.DROPS_TABLE;
import static io.github.migrationtest.verifier.safety.Finding.DROPS_TYPE_OR_LABEL;
import static io.github.migrationtest.verifier.safety.Finding.FULL_TABLE_SCAN_UNDER_LOCK;
import static io.github.migrationtest.verifier.safety.Finding.INDEX_WITHOUT_CONCURRENTLY;
import static io.github.migrationtest.verifier.safety.Finding.LOCK_HELD_ACROSS_STATEMENTS;
import static io.github.migrationtest.verifier.safety.Finding.LOCK_WITHOUT_TIMEOUT;
import static io.github.migrationtest.verifier.safety.Finding.NARROWS_COLUMN_TYPE;
import static io.github.migrationtest.verifier.safety.Finding.TABLE_REWRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safety corpus: operations on tables that hold rows, dangerous ones each next to its safe twin,
 * each revision expected to make exactly its findings and no other, on Postgres 14 and 17.
 */
class SafetyCorpusTest {

    private static final String TIMEOUT = "SET lock_timeout = '2s';\n";

    /** One revision: its upgrade, its downgrade, and the findings its upgrade must make (by kind). */
    private record Operation(String name, String up, String down, Set<Finding> expected) {
    }

    private static Operation op(String name, String up, String down, Finding... expected) {
        return new Operation(name, up, down, expected.length == 0 ? Set.of() : EnumSet.of(expected[0], expected));
    }

    /** Tables of 200 rows each, a parent with a primary key, an enum, a partitioned table and two tables to attach. */
    private static String base() {
        StringBuilder sql = new StringBuilder("CREATE TABLE parent (id bigint PRIMARY KEY);\n"
                + "INSERT INTO parent SELECT g FROM generate_series(0, 199) g;\n"
                + "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TYPE unused AS ENUM ('x');\n"
                + "CREATE TABLE p (id int, k int) PARTITION BY RANGE (k);\n");
        for (String t : new String[] {"p1", "p2"}) {
            int from = t.equals("p1") ? 0 : 10;
            sql.append("CREATE TABLE ").append(t).append(" (id int, k int);\nINSERT INTO ").append(t)
                    .append(" SELECT g, ").append(from).append(" + g % 10 FROM generate_series(1, 200) g;\n");
        }
        for (int i = 1; i <= 20; i++) {
            String t = table(i);
            sql.append("CREATE TABLE ").append(t).append(" (id bigint PRIMARY KEY, a int, b varchar(50), c text);\n")
                    .append("INSERT INTO ").append(t).append(" SELECT g, g, 'b' || g, 'c' || g FROM generate_series(0, 199) g;\n");
        }
        return sql.toString();
    }

    private static String baseDown() {
        StringBuilder sql = new StringBuilder("DROP TABLE p, p1, p2;\nDROP TYPE mood, unused;\n");
        for (int i = 1; i <= 20; i++) {
            sql.append("DROP TABLE ").append(table(i)).append(";\n");
        }
        return sql.append("DROP TABLE parent;\n").toString();
    }

    private static String table(int i) {
        return String.format("t%02d", i);
    }

    private static final List<Operation> OPERATIONS = List.of(
            op("add_column_without_timeout", "ALTER TABLE t01 ADD COLUMN d int;", "ALTER TABLE t01 DROP COLUMN d;",
                    LOCK_WITHOUT_TIMEOUT),
            op("add_column_with_timeout", TIMEOUT + "ALTER TABLE t02 ADD COLUMN d int;", "ALTER TABLE t02 DROP COLUMN d;"),
            op("add_column_volatile_default", TIMEOUT + "ALTER TABLE t03 ADD COLUMN d timestamptz DEFAULT clock_timestamp();",
                    "ALTER TABLE t03 DROP COLUMN d;", TABLE_REWRITE),
            op("add_column_constant_default", TIMEOUT + "ALTER TABLE t04 ADD COLUMN d int NOT NULL DEFAULT 0;",
                    "ALTER TABLE t04 DROP COLUMN d;"),
            op("change_type_rewrites", TIMEOUT + "ALTER TABLE t05 ALTER COLUMN a TYPE bigint;",
                    "ALTER TABLE t05 ALTER COLUMN a TYPE int;", TABLE_REWRITE),
            op("widen_varchar_binary_coercible", TIMEOUT + "ALTER TABLE t06 ALTER COLUMN b TYPE varchar(100);",
                    "ALTER TABLE t06 ALTER COLUMN b TYPE varchar(50);"),
            op("narrow_varchar", TIMEOUT + "ALTER TABLE t07 ALTER COLUMN b TYPE varchar(20);",
                    "ALTER TABLE t07 ALTER COLUMN b TYPE varchar(50);", NARROWS_COLUMN_TYPE, TABLE_REWRITE),
            op("check_added_valid", TIMEOUT + "ALTER TABLE t08 ADD CONSTRAINT t08_a CHECK (a >= 0);",
                    "ALTER TABLE t08 DROP CONSTRAINT t08_a;", FULL_TABLE_SCAN_UNDER_LOCK),
            op("check_added_not_valid", TIMEOUT + "ALTER TABLE t09 ADD CONSTRAINT t09_a CHECK (a >= 0) NOT VALID;",
                    "ALTER TABLE t09 DROP CONSTRAINT t09_a;"),
            op("check_validated_later", "ALTER TABLE t09 VALIDATE CONSTRAINT t09_a;",
                    "ALTER TABLE t09 DROP CONSTRAINT t09_a;\nALTER TABLE t09 ADD CONSTRAINT t09_a CHECK (a >= 0) NOT VALID;"),
            op("check_not_valid_and_validated_in_one_transaction", TIMEOUT
                    + "ALTER TABLE t10 ADD CONSTRAINT t10_a CHECK (a >= 0) NOT VALID;\nALTER TABLE t10 VALIDATE CONSTRAINT t10_a;",
                    "ALTER TABLE t10 DROP CONSTRAINT t10_a;", LOCK_HELD_ACROSS_STATEMENTS, FULL_TABLE_SCAN_UNDER_LOCK),
            op("foreign_key_added_valid", TIMEOUT + "ALTER TABLE t11 ADD CONSTRAINT t11_a FOREIGN KEY (a) REFERENCES parent (id);",
                    "ALTER TABLE t11 DROP CONSTRAINT t11_a;", FULL_TABLE_SCAN_UNDER_LOCK),
            op("foreign_key_not_valid", TIMEOUT
                    + "ALTER TABLE t12 ADD CONSTRAINT t12_a FOREIGN KEY (a) REFERENCES parent (id) NOT VALID;",
                    "ALTER TABLE t12 DROP CONSTRAINT t12_a;"),
            op("foreign_key_validated_later", "ALTER TABLE t12 VALIDATE CONSTRAINT t12_a;",
                    "ALTER TABLE t12 DROP CONSTRAINT t12_a;\n"
                            + "ALTER TABLE t12 ADD CONSTRAINT t12_a FOREIGN KEY (a) REFERENCES parent (id) NOT VALID;"),
            op("set_not_null_scans", TIMEOUT + "ALTER TABLE t13 ALTER COLUMN a SET NOT NULL;",
                    "ALTER TABLE t13 ALTER COLUMN a DROP NOT NULL;", FULL_TABLE_SCAN_UNDER_LOCK),
            op("not_null_check_not_valid", TIMEOUT + "ALTER TABLE t14 ADD CONSTRAINT t14_nn CHECK (a IS NOT NULL) NOT VALID;",
                    "ALTER TABLE t14 DROP CONSTRAINT t14_nn;"),
            op("not_null_check_validated", "ALTER TABLE t14 VALIDATE CONSTRAINT t14_nn;",
                    "ALTER TABLE t14 DROP CONSTRAINT t14_nn;\n"
                            + "ALTER TABLE t14 ADD CONSTRAINT t14_nn CHECK (a IS NOT NULL) NOT VALID;"),
            op("set_not_null_proved_by_check", TIMEOUT + "ALTER TABLE t14 ALTER COLUMN a SET NOT NULL;",
                    "ALTER TABLE t14 ALTER COLUMN a DROP NOT NULL;"),
            op("index_without_concurrently", TIMEOUT + "CREATE INDEX t15_a ON t15 (a);", "DROP INDEX t15_a;",
                    INDEX_WITHOUT_CONCURRENTLY),
            op("index_concurrently", "CREATE INDEX CONCURRENTLY t16_a ON t16 (a);", "DROP INDEX t16_a;"),
            op("unique_constraint_builds_index", TIMEOUT + "ALTER TABLE t17 ADD CONSTRAINT t17_a UNIQUE (a);",
                    "ALTER TABLE t17 DROP CONSTRAINT t17_a;", INDEX_WITHOUT_CONCURRENTLY),
            op("unique_index_concurrently", "CREATE UNIQUE INDEX CONCURRENTLY t18_a ON t18 (a);", "DROP INDEX t18_a;"),
            op("unique_constraint_using_index", TIMEOUT + "ALTER TABLE t18 ADD CONSTRAINT t18_a UNIQUE USING INDEX t18_a;",
                    "ALTER TABLE t18 DROP CONSTRAINT t18_a;\nCREATE UNIQUE INDEX t18_a ON t18 (a);"),
            op("concurrently_among_other_statements",
                    "CREATE INDEX CONCURRENTLY t19_a ON t19 (a);\nCREATE INDEX CONCURRENTLY t19_c ON t19 (c);",
                    "DROP INDEX t19_a;\nDROP INDEX t19_c;", CONCURRENTLY_IN_TRANSACTION),
            op("lock_held_while_backfilling", TIMEOUT + "ALTER TABLE t20 ADD COLUMN d int;\nUPDATE t20 SET d = a;",
                    // The backfill itself scans the table while the ALTER's lock still blocks writes.
                    "ALTER TABLE t20 DROP COLUMN d;", LOCK_HELD_ACROSS_STATEMENTS, FULL_TABLE_SCAN_UNDER_LOCK),
            // A file's own COMMIT ends the transaction and its locks: no statement ran while they were held.
            op("alter_in_a_transaction_of_its_own", "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE t19 ADD COLUMN d int;\nCOMMIT;",
                    "BEGIN;\nALTER TABLE t19 DROP COLUMN d;\nCOMMIT;"),
            // Not wrapped whole (a statement follows the COMMIT), so it runs as written and the COMMIT is sent: it still
            // ends the ALTER's lock rather than running while it was held.
            op("alter_then_commit_then_more", "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE t19 ADD COLUMN f int;\nCOMMIT;\n"
                    + "SELECT 1;", "ALTER TABLE t19 DROP COLUMN f;"),
            op("backfill_in_a_transaction_of_its_own",
                    "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE t19 ADD COLUMN e int;\nUPDATE t19 SET e = a;\nCOMMIT;",
                    "BEGIN;\nALTER TABLE t19 DROP COLUMN e;\nCOMMIT;", LOCK_HELD_ACROSS_STATEMENTS, FULL_TABLE_SCAN_UNDER_LOCK),
            op("attach_partition_scans", TIMEOUT + "ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (10);",
                    "ALTER TABLE p DETACH PARTITION p1;", FULL_TABLE_SCAN_UNDER_LOCK),
            op("partition_bound_check_not_valid", TIMEOUT
                    + "ALTER TABLE p2 ADD CONSTRAINT p2_k CHECK (k IS NOT NULL AND k >= 10 AND k < 20) NOT VALID;",
                    "ALTER TABLE p2 DROP CONSTRAINT p2_k;"),
            op("partition_bound_check_validated", "ALTER TABLE p2 VALIDATE CONSTRAINT p2_k;",
                    "ALTER TABLE p2 DROP CONSTRAINT p2_k;\n"
                            + "ALTER TABLE p2 ADD CONSTRAINT p2_k CHECK (k IS NOT NULL AND k >= 10 AND k < 20) NOT VALID;"),
            op("attach_partition_proved_by_check", TIMEOUT + "ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);",
                    "ALTER TABLE p DETACH PARTITION p2;"),
            op("drop_column", TIMEOUT + "ALTER TABLE t02 DROP COLUMN c;", "ALTER TABLE t02 ADD COLUMN c text;", DROPS_COLUMN),
            op("rename_table_keeps_rows", TIMEOUT + "ALTER TABLE t04 RENAME TO t04_old;", "ALTER TABLE t04_old RENAME TO t04;"),
            op("drop_table", TIMEOUT + "DROP TABLE t06;",
                    "CREATE TABLE t06 (id bigint PRIMARY KEY, a int, b varchar(100), c text);", DROPS_TABLE),
            op("table_to_recreate", "CREATE TABLE t21 (id bigint PRIMARY KEY, a int);\n"
                    + "INSERT INTO t21 SELECT g, g FROM generate_series(0, 199) g;\n"
                    + "CREATE TABLE t22 (id bigint, a int);\nINSERT INTO t22 SELECT g, g FROM generate_series(0, 199) g;",
                    "DROP TABLE t22;\nDROP TABLE t21;"),
            // The same schema afterwards, but not the same table: its rows are gone.
            op("recreate_table_loses_rows", TIMEOUT + "DROP TABLE t21;\nCREATE TABLE t21 (id bigint PRIMARY KEY, a int);",
                    "", DROPS_TABLE),
            // Its safe twin: the rows are copied into the table that takes the name (firefly's and hatchet's rebuilds).
            op("rebuild_table_copying_rows", TIMEOUT + "CREATE TABLE t22_new (id bigint, a int);\n"
                    + "INSERT INTO t22_new SELECT id, a FROM t22;\nDROP TABLE t22;\nALTER TABLE t22_new RENAME TO t22;", ""),
            op("drop_type", "DROP TYPE unused;", "CREATE TYPE unused AS ENUM ('x');", DROPS_TYPE_OR_LABEL),
            op("add_enum_label", "ALTER TYPE mood ADD VALUE 'happy';",
                    "ALTER TYPE mood RENAME TO mood_old;\nCREATE TYPE mood AS ENUM ('sad', 'ok');\nDROP TYPE mood_old;"),
            op("vacuum_full_rewrites", "VACUUM FULL t16;", "", TABLE_REWRITE),
            op("reindex_rebuilds", TIMEOUT + "REINDEX TABLE t15;", "", TABLE_REWRITE),
            op("reindex_concurrently", "REINDEX TABLE CONCURRENTLY t17;", ""),
            op("new_table_referencing_without_timeout",
                    "CREATE TABLE child (id int PRIMARY KEY, parent_id bigint REFERENCES parent (id));", "DROP TABLE child;",
                    LOCK_WITHOUT_TIMEOUT),
            op("new_table_referencing_with_timeout",
                    TIMEOUT + "CREATE TABLE child2 (id int PRIMARY KEY, parent_id bigint REFERENCES parent (id));",
                    "DROP TABLE child2;"),
            op("new_table_built_up_in_one_file", "CREATE TABLE fresh (id int PRIMARY KEY, a int);\n"
                    + "INSERT INTO fresh SELECT g, g FROM generate_series(1, 100) g;\nCREATE INDEX fresh_a ON fresh (a);\n"
                    + "ALTER TABLE fresh ADD CONSTRAINT fresh_a_check CHECK (a > 0);\nALTER TABLE fresh ALTER COLUMN a SET NOT NULL;\n"
                    + "ALTER TABLE fresh ALTER COLUMN a TYPE bigint;", "DROP TABLE fresh;"),
            // Renames keep the data (the column's number, the label's row, the type's oid): the twins of the drops above.
            op("rename_column_keeps_data", TIMEOUT + "ALTER TABLE t03 RENAME COLUMN c TO c2;",
                    "ALTER TABLE t03 RENAME COLUMN c2 TO c;"),
            op("rename_column_then_drop_it", TIMEOUT + "ALTER TABLE t05 RENAME c TO c2;\nALTER TABLE t05 DROP COLUMN c2;",
                    "ALTER TABLE t05 ADD COLUMN c text;", LOCK_HELD_ACROSS_STATEMENTS, DROPS_COLUMN),
            op("rename_enum_label_keeps_rows", "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad';",
                    "ALTER TYPE mood RENAME VALUE 'glad' TO 'happy';"),
            op("rename_type_keeps_it", "ALTER TYPE mood RENAME TO feeling;", "ALTER TYPE feeling RENAME TO mood;"),
            // Type changes that keep every value, each next to its twin that does not (found on real histories).
            op("json_and_citext_columns", "CREATE EXTENSION IF NOT EXISTS citext;\n"
                    + "CREATE TABLE w (id int PRIMARY KEY, j json, jb jsonb, v varchar(50), ci citext);\n"
                    + "INSERT INTO w SELECT g, '{\"a\": 1}', '{\"a\": 1}', 'v' || g, 'c' || g FROM generate_series(0, 199) g;",
                    "DROP TABLE w;\nDROP EXTENSION citext;"),
            op("jsonb_to_json_keeps_values", TIMEOUT + "ALTER TABLE w ALTER COLUMN jb TYPE json USING jb::json;",
                    "ALTER TABLE w ALTER COLUMN jb TYPE jsonb USING jb::jsonb;", TABLE_REWRITE),
            op("json_to_jsonb_narrows", TIMEOUT + "ALTER TABLE w ALTER COLUMN j TYPE jsonb USING j::jsonb;",
                    "ALTER TABLE w ALTER COLUMN j TYPE json USING j::json;", NARROWS_COLUMN_TYPE, TABLE_REWRITE),
            op("varchar_to_citext_keeps_values", TIMEOUT + "ALTER TABLE w ALTER COLUMN v TYPE citext;",
                    "ALTER TABLE w ALTER COLUMN v TYPE varchar(50);"),
            op("citext_to_varchar_narrows", TIMEOUT + "ALTER TABLE w ALTER COLUMN ci TYPE varchar(50);",
                    "ALTER TABLE w ALTER COLUMN ci TYPE citext;", NARROWS_COLUMN_TYPE, TABLE_REWRITE),
            // An enum's values are its labels: a varchar as long as the longest holds them all (ihatemoney's project
            // mode); one a character shorter narrows even though no row holds the longest label.
            op("enum_columns", "CREATE TYPE mode AS ENUM ('DISABLED', 'ENABLED', 'RECORD_IP');\n"
                    + "CREATE TABLE e (id int PRIMARY KEY, fits mode, short mode);\n"
                    + "INSERT INTO e SELECT g, 'ENABLED', 'ENABLED' FROM generate_series(0, 199) g;",
                    "DROP TABLE e;\nDROP TYPE mode;"),
            op("enum_to_varchar_holding_every_label",
                    TIMEOUT + "ALTER TABLE e ALTER COLUMN fits TYPE varchar(9) USING fits::text;",
                    "ALTER TABLE e ALTER COLUMN fits TYPE mode USING fits::mode;", TABLE_REWRITE),
            op("enum_to_varchar_too_short_for_a_label_narrows",
                    TIMEOUT + "ALTER TABLE e ALTER COLUMN short TYPE varchar(8) USING short::text;",
                    "ALTER TABLE e ALTER COLUMN short TYPE mode USING short::mode;", NARROWS_COLUMN_TYPE, TABLE_REWRITE),
            // A bounded string as long as a type's longest text holds every value (a real Flyway history's ids and
            // flags turned varchar(36), varchar(5)); one a character shorter narrows, whatever the rows hold.
            op("number_columns", "CREATE TABLE nums (id int PRIMARY KEY, i int, u uuid, flag boolean, j int);\n"
                    + "INSERT INTO nums SELECT g, g, gen_random_uuid(), g % 2 = 0, g FROM generate_series(0, 199) g;",
                    "DROP TABLE nums;"),
            op("integer_uuid_boolean_to_varchar_holding_every_value", TIMEOUT + "ALTER TABLE nums ALTER COLUMN i TYPE"
                    + " varchar(11), ALTER COLUMN u TYPE varchar(36), ALTER COLUMN flag TYPE varchar(5);",
                    "ALTER TABLE nums ALTER COLUMN i TYPE int USING i::int, ALTER COLUMN u TYPE uuid USING u::uuid,"
                            + " ALTER COLUMN flag TYPE boolean USING flag::boolean;", TABLE_REWRITE),
            op("integer_to_varchar_too_short_narrows", TIMEOUT + "ALTER TABLE nums ALTER COLUMN j TYPE varchar(10);",
                    "ALTER TABLE nums ALTER COLUMN j TYPE int USING j::int;", NARROWS_COLUMN_TYPE, TABLE_REWRITE),
            // TRUNCATE reads no row: Postgres counts each index it builds over the new, empty storage as a scan of the
            // table (a real goose history's TRUNCATE of a table with six indexes made "6 sequential scan(s)").
            op("truncate_reads_no_row", TIMEOUT + "TRUNCATE t15;", ""));

    @TempDir
    Path history;

    @ParameterizedTest(name = "Postgres {0}")
    @ValueSource(ints = {14, 17})
    void each_operation_makes_exactly_its_findings(int major) throws IOException {
        write("0001_base", base(), baseDown());
        for (int i = 0; i < OPERATIONS.size(); i++) {
            Operation operation = OPERATIONS.get(i);
            write(String.format("%04d_%s", i + 2, operation.name()), operation.up(), operation.down());
        }
        PostgresServer server = PostgresServer.shared(
                PostgresSettings.fromEnvironment().withBackend(Backend.EMBEDDED).withMajorVersion(major));
        VerificationReport report = new Verifier(MigrationSources.open(history, SourceOptions.defaults()),
                VerifierOptions.defaults().withJobs(1)).verify(server);

        Map<String, Set<Finding>> expected = new LinkedHashMap<>();
        Map<String, Set<Finding>> actual = new LinkedHashMap<>();
        for (int i = 0; i < OPERATIONS.size(); i++) {
            Operation operation = OPERATIONS.get(i);
            RevisionReport revision = report.revision(String.format("%04d", i + 2)).orElseThrow();
            expected.put(operation.name(), new TreeSet<>(operation.expected()));
            actual.put(operation.name(), revision.safety().stream().filter(f -> f.direction() == Direction.UP)
                    .map(SafetyFinding::finding).collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(OPERATIONS).hasSizeGreaterThanOrEqualTo(30);
        assertThat(actual).as(details(report)).isEqualTo(expected);
        assertThat(report.passed()).as(details(report)).isTrue();
    }

    static String details(VerificationReport report) {
        List<String> lines = new ArrayList<>();
        report.revisions().forEach(r -> r.safety().forEach(f -> lines.add(r.label() + " " + f.direction() + " "
                + f.location() + " " + f.finding() + " " + f.object() + ": " + f.detail() + " [" + f.evidence() + "]")));
        report.results().filter(r -> r.isFailed()).forEach(r -> lines.add("FAILED " + r.check() + ": " + r.reason()
                + " " + r.differences()));
        return String.join("\n", lines);
    }

    private void write(String name, String up, String down) throws IOException {
        Files.writeString(history.resolve(name + ".up.sql"), up + "\n");
        Files.writeString(history.resolve(name + ".down.sql"), down + "\n");
    }
}
