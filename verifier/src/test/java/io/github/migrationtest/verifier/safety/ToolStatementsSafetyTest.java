package io.github.migrationtest.verifier.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements that Flyway's API and Liquibase run themselves, measured one by one like a SQL file's: each
 * dangerous operation next to its safe twin, each finding placed at the file and line the statement
 * came from, and the tools' own bookkeeping never reported.
 */
class ToolStatementsSafetyTest {

    private static final String TIMEOUT = "SET lock_timeout = '2s';\n";
    private static final String BASE = """
            CREATE TABLE parent (id int PRIMARY KEY);
            INSERT INTO parent SELECT g FROM generate_series(1, 200) g;
            CREATE TABLE t (id int PRIMARY KEY, a int, b int, c varchar(10), d int);
            INSERT INTO t SELECT g, g, g, 'x', g FROM generate_series(1, 200) g;
            """;

    @TempDir
    Path history;

    @Test
    void flyway_upgrades_are_measured_per_statement_at_their_script_line() throws IOException {
        write("V1__base.sql", BASE);
        write("U1__base.sql", "DROP TABLE t;\nDROP TABLE parent;\n");
        write("V2__index.sql", TIMEOUT + "-- on a table that holds rows\nCREATE INDEX t_a ON t (a);\n");
        write("U2__index.sql", "DROP INDEX t_a;\n");
        write("V3__index_concurrently.sql", "CREATE INDEX CONCURRENTLY t_b ON t (b);\n");
        write("U3__index_concurrently.sql", "DROP INDEX t_b;\n");
        write("V4__retype.sql", TIMEOUT + "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n"
                + "-- migrationtest:allow TABLE_REWRITE 200 rows\n");
        write("U4__retype.sql", "ALTER TABLE t ALTER COLUMN a TYPE int;\n");
        write("V5__widen.sql", TIMEOUT + "ALTER TABLE t ALTER COLUMN c TYPE varchar(20);\n");
        write("U5__widen.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(10);\n");
        write("V6__fk.sql", TIMEOUT + "ALTER TABLE t\n    ADD CONSTRAINT t_parent FOREIGN KEY (d) REFERENCES parent (id);\n");
        write("U6__fk.sql", "ALTER TABLE t DROP CONSTRAINT t_parent;\n");
        write("V7__fk_not_valid.sql", TIMEOUT
                + "ALTER TABLE t ADD CONSTRAINT t_parent2 FOREIGN KEY (d) REFERENCES parent (id) NOT VALID;\n");
        write("U7__fk_not_valid.sql", "ALTER TABLE t DROP CONSTRAINT t_parent2;\n");
        write("V8__rename.sql", TIMEOUT + "ALTER TABLE t RENAME COLUMN b TO b2;\n");
        write("U8__rename.sql", TIMEOUT + "ALTER TABLE t RENAME COLUMN b2 TO b;\n");

        VerificationReport report = verify(history, SourceType.FLYWAY);

        assertThat(upgradeFindings(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                "2 INDEX_WITHOUT_CONCURRENTLY V2__index.sql:3 public.t",
                "4 TABLE_REWRITE V4__retype.sql:2 public.t",
                "6 FULL_TABLE_SCAN_UNDER_LOCK V6__fk.sql:2 public.parent",
                "6 FULL_TABLE_SCAN_UNDER_LOCK V6__fk.sql:2 public.t");
        assertThat(allowed(report, "4")).containsExactly("TABLE_REWRITE: 200 rows");
        assertNoBookkeeping(report, "flyway_schema_history");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    @Test
    void liquibase_xml_changesets_are_measured_at_their_change_or_statement_line() throws IOException {
        Path changelog = write("db.changelog-master.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                    <changeSet id="1" author="t">
                        <sql>%s</sql>
                        <rollback><dropTable tableName="t"/><dropTable tableName="parent"/></rollback>
                    </changeSet>
                    <changeSet id="2" author="t">
                        <sql>SET lock_timeout = '2s'</sql>
                        <createIndex indexName="t_a" tableName="t">
                            <column name="a"/>
                        </createIndex>
                        <rollback><dropIndex indexName="t_a" tableName="t"/></rollback>
                    </changeSet>
                    <changeSet id="3" author="t" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY t_b ON t (b)</sql>
                        <rollback>DROP INDEX t_b</rollback>
                    </changeSet>
                    <changeSet id="4" author="t">
                        <sql>SET lock_timeout = '2s'</sql>
                        <!-- migrationtest:allow TABLE_REWRITE 200 rows -->
                        <modifyDataType tableName="t" columnName="a" newDataType="bigint"/>
                        <rollback><modifyDataType tableName="t" columnName="a" newDataType="int"/></rollback>
                    </changeSet>
                    <changeSet id="5" author="t">
                        <sql>SET lock_timeout = '2s'</sql>
                        <modifyDataType tableName="t" columnName="c" newDataType="varchar(20)"/>
                        <rollback><modifyDataType tableName="t" columnName="c" newDataType="varchar(10)"/></rollback>
                    </changeSet>
                    <changeSet id="6" author="t">
                        <sql>SET lock_timeout = '2s'</sql>
                        <addForeignKeyConstraint baseTableName="t" baseColumnNames="d" constraintName="t_parent"
                                referencedTableName="parent" referencedColumnNames="id"/>
                        <rollback><dropForeignKeyConstraint baseTableName="t" constraintName="t_parent"/></rollback>
                    </changeSet>
                    <changeSet id="7" author="t">
                        <sql>
                            SET lock_timeout = '2s';
                            ALTER TABLE t ADD CONSTRAINT t_parent2 FOREIGN KEY (d) REFERENCES parent (id) NOT VALID;
                        </sql>
                        <rollback>ALTER TABLE t DROP CONSTRAINT t_parent2</rollback>
                    </changeSet>
                    <changeSet id="8" author="t">
                        <sql>SET lock_timeout = '2s'</sql>
                        <renameColumn tableName="t" oldColumnName="b" newColumnName="b2"/>
                        <rollback><renameColumn tableName="t" oldColumnName="b2" newColumnName="b"/></rollback>
                    </changeSet>
                    <changeSet id="9" author="t">
                        <sql>
                            SET lock_timeout = '2s';
                            CREATE INDEX t_c ON t (c);
                        </sql>
                        <rollback>DROP INDEX t_c</rollback>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(BASE));

        VerificationReport report = verify(changelog, SourceType.LIQUIBASE);

        Changelog xml = Changelog.of(changelog);
        assertThat(upgradeFindings(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                xml.at("2 INDEX_WITHOUT_CONCURRENTLY", "<createIndex", "public.t"),
                xml.at("4 TABLE_REWRITE", "newDataType=\"bigint\"", "public.t"),
                xml.at("6 FULL_TABLE_SCAN_UNDER_LOCK", "<addForeignKeyConstraint", "public.parent"),
                xml.at("6 FULL_TABLE_SCAN_UNDER_LOCK", "<addForeignKeyConstraint", "public.t"),
                xml.at("9 INDEX_WITHOUT_CONCURRENTLY", "CREATE INDEX t_c", "public.t"));
        // A rollback's statements are Liquibase's own (here its modifyDataType): placed at the changeset.
        assertThat(downgradeFindings(report)).as(SafetyCorpusTest.details(report))
                .contains(xml.at("4 TABLE_REWRITE", "<changeSet id=\"4\"", "public.t"));
        assertThat(allowed(report, "4")).containsExactly("TABLE_REWRITE: 200 rows", "TABLE_REWRITE: 200 rows");
        assertNoBookkeeping(report, "databasechangelog");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    @Test
    void liquibase_formatted_sql_is_measured_at_the_statement_and_rollback_lines() throws IOException {
        Path changelog = write("db.changelog-master.sql", """
                --liquibase formatted sql

                --changeset t:1
                %s--rollback DROP TABLE t;
                --rollback DROP TABLE parent;

                --changeset t:2
                SET lock_timeout = '2s';
                CREATE INDEX t_a ON t (a);
                --rollback DROP INDEX t_a;

                --changeset t:3 runInTransaction:false
                CREATE INDEX CONCURRENTLY t_b ON t (b);
                --rollback DROP INDEX t_b;

                --changeset t:4
                SET lock_timeout = '2s';
                ALTER TABLE t ALTER COLUMN a TYPE bigint;
                --rollback SET lock_timeout = '2s';
                --rollback ALTER TABLE t ALTER COLUMN a TYPE int;

                --changeset t:5
                SET lock_timeout = '2s';
                ALTER TABLE t ALTER COLUMN c TYPE varchar(20);
                --rollback ALTER TABLE t ALTER COLUMN c TYPE varchar(10);

                --changeset t:6
                SET lock_timeout = '2s';
                ALTER TABLE t
                    ADD CONSTRAINT t_parent FOREIGN KEY (d) REFERENCES parent (id);
                --rollback ALTER TABLE t DROP CONSTRAINT t_parent;

                --changeset t:7
                SET lock_timeout = '2s';
                ALTER TABLE t ADD CONSTRAINT t_parent2 FOREIGN KEY (d) REFERENCES parent (id) NOT VALID;
                --rollback ALTER TABLE t DROP CONSTRAINT t_parent2;

                --changeset t:8
                SET lock_timeout = '2s';
                ALTER TABLE t RENAME COLUMN b TO b2;
                --rollback ALTER TABLE t RENAME COLUMN b2 TO b;
                """.formatted(BASE));

        VerificationReport report = verify(changelog, SourceType.LIQUIBASE);

        Changelog sql = Changelog.of(changelog);
        assertThat(upgradeFindings(report)).as(SafetyCorpusTest.details(report)).containsExactly(
                sql.at("2 INDEX_WITHOUT_CONCURRENTLY", "CREATE INDEX t_a", "public.t"),
                sql.at("4 TABLE_REWRITE", "TYPE bigint", "public.t"),
                sql.at("6 FULL_TABLE_SCAN_UNDER_LOCK", "ALTER TABLE t\n", "public.parent"),
                sql.at("6 FULL_TABLE_SCAN_UNDER_LOCK", "ALTER TABLE t\n", "public.t"));
        // The rollback's statements are the user's: placed at their --rollback line.
        assertThat(downgradeFindings(report)).as(SafetyCorpusTest.details(report))
                .contains(sql.at("4 TABLE_REWRITE", "--rollback ALTER TABLE t ALTER COLUMN a TYPE int", "public.t"));
        assertNoBookkeeping(report, "databasechangelog");
        assertThat(report.passed()).as(SafetyCorpusTest.details(report)).isTrue();
    }

    /** The findings of a revision an allow comment accepted, with its reason. */
    private static List<String> allowed(VerificationReport report, String revision) {
        return report.revisions().stream().filter(r -> r.label().split(" ")[0].equals(revision))
                .flatMap(r -> r.safety().stream()).filter(f -> !f.allowedBecause().isEmpty())
                .map(f -> f.finding() + ": " + f.allowedBecause()).toList();
    }

    /** A changelog's name and text, to say where a finding is expected. */
    private record Changelog(String name, String text) {

        static Changelog of(Path file) throws IOException {
            return new Changelog(file.getFileName().toString(), Files.readString(file));
        }

        /** "revision FINDING name:line object", the line the first one holding {@code needle}. */
        String at(String finding, String needle, String object) {
            int offset = text.indexOf(needle);
            assertThat(offset).as(needle).isNotNegative();
            int line = 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
            return finding + " " + name + ":" + line + " " + object;
        }
    }

    /** No finding is placed at, or mentions, the tool's own table: its statements are not the user's. */
    private void assertNoBookkeeping(VerificationReport report, String table) {
        report.revisions().forEach(r -> r.safety().forEach(f -> {
            assertThat(Path.of(f.file()).getParent()).as(f.toString()).isEqualTo(history);
            assertThat((f.detail() + f.object()).toLowerCase()).as(f.toString()).doesNotContain(table);
        }));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(history.resolve(name), text);
    }

    private static VerificationReport verify(Path location, SourceType expected) {
        var source = MigrationSources.open(location, SourceOptions.defaults());
        assertThat(source.type()).isEqualTo(expected);
        return new Verifier(source, VerifierOptions.defaults().withJobs(1)).verify(PostgresServer.shared());
    }

    /** Each upgrade finding as "revision FINDING file:line object", the file by its name. */
    private static Set<String> upgradeFindings(VerificationReport report) {
        return findings(report, Direction.UP);
    }

    private static Set<String> downgradeFindings(VerificationReport report) {
        return findings(report, Direction.DOWN);
    }

    private static Set<String> findings(VerificationReport report, Direction direction) {
        Set<String> found = new TreeSet<>();
        for (RevisionReport revision : report.revisions()) {
            revision.safety().stream().filter(f -> f.direction() == direction)
                    .forEach(f -> found.add(revision.label().split(" ")[0] + " " + f.finding() + " "
                            + Path.of(f.file()).getFileName() + ":" + f.line() + " " + f.object()));
        }
        return found;
    }

}
