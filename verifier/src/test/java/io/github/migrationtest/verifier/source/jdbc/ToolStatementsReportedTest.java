package io.github.migrationtest.verifier.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.StatementListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements Flyway and Liquibase run are reported as the user's, each once, at its file and line, on
 * the step's own connection; the tools' bookkeeping (history tables, locks, catalog reads) and session
 * settings are not reported at all, so they neither get findings nor count as statements.
 */
class ToolStatementsReportedTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @TempDir
    Path history;

    /** Records what it is told, as "file:line CODE (transactional)". */
    private static final class Recorder implements StatementListener {
        final List<String> before = new ArrayList<>();
        final List<String> after = new ArrayList<>();
        final List<Connection> connections = new ArrayList<>();

        @Override
        public void beforeStatement(Connection connection, ExecutedStatement statement) {
            connections.add(connection);
            before.add(describe(statement));
        }

        @Override
        public void afterStatement(Connection connection, ExecutedStatement statement) {
            after.add(describe(statement));
        }

        private static String describe(ExecutedStatement statement) {
            return Path.of(statement.file()).getFileName() + ":" + statement.line() + " " + statement.code()
                    + (statement.transactional() ? "" : " (auto-commit)");
        }
    }

    @Test
    void flyway_reports_the_scripts_statements_only() throws IOException {
        Files.writeString(history.resolve("V1__base.sql"), "CREATE TABLE t (id int PRIMARY KEY, a int);\n\n"
                + "INSERT INTO t VALUES (1, 1);\n");
        Files.writeString(history.resolve("V2__index.sql"), "SET lock_timeout = '2s';\nCREATE INDEX t_a ON t (a);\n");
        Files.writeString(history.resolve("V3__concurrently.sql"), "-- outside a transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");

        Recorder recorder = upgradeAll(MigrationSources.open(history, SourceOptions.defaults()));

        assertThat(recorder.before).containsExactly(
                "V1__base.sql:1 CREATE TABLE T (ID INT PRIMARY KEY, A INT)",
                "V1__base.sql:3 INSERT INTO T VALUES (1, 1)",
                "V2__index.sql:2 CREATE INDEX T_A ON T (A)",
                "V3__concurrently.sql:2 CREATE INDEX CONCURRENTLY T_ID ON T (ID) (auto-commit)");
        assertThat(recorder.after).isEqualTo(recorder.before);
        assertThat(recorder.connections).containsOnly(db.connection());
    }

    @Test
    void liquibase_reports_the_changesets_statements_only() throws IOException {
        Path changelog = history.resolve("db.changelog-master.xml");
        Files.writeString(changelog, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                    <changeSet id="1" author="t">
                        <createTable tableName="t">
                            <column name="id" type="int"/>
                        </createTable>
                        <sql>
                            SET lock_timeout = '2s';
                            INSERT INTO t VALUES (1);
                        </sql>
                    </changeSet>
                    <changeSet id="2" author="t">
                        <addColumn tableName="t"><column name="a" type="int"/></addColumn>
                        <addColumn tableName="t"><column name="b" type="int"/></addColumn>
                    </changeSet>
                    <changeSet id="3" author="t">
                        <sqlFile path="index.sql" relativeToChangelogFile="true"/>
                    </changeSet>
                </databaseChangeLog>
                """);

        Files.writeString(history.resolve("index.sql"), "-- an sqlFile change's statements are placed in its file\n"
                + "CREATE INDEX t_a ON t (a);\n");

        Recorder recorder = upgradeAll(MigrationSources.open(changelog, SourceOptions.defaults()));

        assertThat(recorder.before).containsExactly(
                "db.changelog-master.xml:7 CREATE TABLE PUBLIC.T (ID INTEGER)",
                "db.changelog-master.xml:12 INSERT INTO T VALUES (1)",
                "db.changelog-master.xml:16 ALTER TABLE PUBLIC.T ADD A INTEGER",
                "db.changelog-master.xml:17 ALTER TABLE PUBLIC.T ADD B INTEGER",
                "index.sql:2 CREATE INDEX T_A ON T (A)");
        assertThat(recorder.after).isEqualTo(recorder.before);
        assertThat(recorder.connections).containsOnly(db.connection());
    }

    private Recorder upgradeAll(MigrationSource source) {
        Recorder recorder = new Recorder();
        assertThat(source.reportStatementsTo(recorder)).isTrue();
        assertThat(source.revisions()).as(source.findings().toString()).isNotEmpty();
        for (Revision revision : source.revisions()) {
            source.upgrade(revision, db.connection());
        }
        return recorder;
    }
}
