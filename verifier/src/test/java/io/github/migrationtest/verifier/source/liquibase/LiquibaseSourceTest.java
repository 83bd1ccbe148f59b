package io.github.migrationtest.verifier.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.SchemaProbe;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceOptions.LiquibaseRevisions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LiquibaseSourceTest {

    private static final Path ROOT = Path.of("src/test/resources/source/liquibase");
    private static final String XML_FIX =
            "add a <rollback> element to the changeSet (with the changes or <sql> that undo it; <rollback/> when there is nothing to undo)";

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    private List<String> userTables() throws Exception {
        return db.probe().tables().stream().filter(t -> !t.startsWith("databasechangelog")).toList();
    }

    private List<String> applied() throws Exception {
        return db.probe().strings("select id from databasechangelog order by orderexecuted");
    }

    @Test
    void a_directory_with_a_master_changelog_is_detected_as_liquibase() {
        assertThat(MigrationSources.detect(ROOT.resolve("xml").toString(), SourceOptions.defaults())).isEqualTo(SourceType.LIQUIBASE);
        assertThat(MigrationSources.detect(ROOT.resolve("formatted-sql/changelog.sql").toString(), SourceOptions.defaults()))
                .isEqualTo(SourceType.LIQUIBASE);
    }

    @Test
    void revisions_are_changesets_for_postgres_and_one_that_cannot_be_rolled_back_says_so() {
        MigrationSource source = MigrationSources.open(ROOT.resolve("xml"), SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id, Revision::description, Revision::hasDowngrade).containsExactly(
                tuple("1", "create users", true),
                tuple("2", "addColumn tableName=users", true),
                tuple("3", "a view, with an explicit rollback", true),
                tuple("4", "raw SQL that Liquibase cannot reverse", false));
        assertThat(source.revisions().get(1).files()).containsExactly(ROOT.resolve("xml") + "/changes/002-email.xml");
        assertThat(source.revisions().get(3).noDowngradeReason())
                .isEqualTo("Liquibase cannot generate a rollback for changeset ada:4 in " + ROOT.resolve("xml")
                        + "/db.changelog-master.xml (sql): " + XML_FIX);
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(
                ROOT.resolve("xml") + "/db.changelog-master.xml: changeset ada:4 cannot be rolled back (sql); " + XML_FIX
                        + ", or declare revision 4 irreversible");
    }

    @Test
    void update_one_and_rollback_one_use_generated_and_explicit_rollbacks() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("xml"), SourceOptions.defaults());
        List<Revision> revisions = source.revisions();

        for (Revision revision : revisions.subList(0, 3)) {
            StepResult result = source.upgrade(revision, db.connection());
            assertThat(result.transactional()).isTrue();
        }
        assertThat(db.probe().columns("users")).containsExactly("id", "name", "email");
        assertThat(db.probe().strings("select table_name from information_schema.views where table_schema = 'public'"))
                .containsExactly("user_names");
        assertThat(applied()).containsExactly("1", "2", "3");

        source.downgrade(revisions.get(2), db.connection()); // explicit <rollback>
        assertThat(db.probe().strings("select table_name from information_schema.views where table_schema = 'public'")).isEmpty();
        source.downgrade(revisions.get(1), db.connection()); // generated: drop column
        assertThat(db.probe().columns("users")).containsExactly("id", "name");
        assertThat(applied()).containsExactly("1");

        source.upgrade(revisions.get(1), db.connection());
        assertThat(db.probe().columns("users")).containsExactly("id", "name", "email");
        source.downgrade(revisions.get(1), db.connection());
        source.downgrade(revisions.get(0), db.connection()); // generated: drop table
        assertThat(userTables()).isEmpty();
        assertThat(applied()).isEmpty();
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void downgrading_a_changeset_without_rollback_fails_with_the_reason() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("xml"), SourceOptions.defaults());
        source.revisions().forEach(r -> source.upgrade(r, db.connection()));

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(3), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(ROOT.resolve("xml") + "/db.changelog-master.xml:26:1");
        assertThat(failure.message()).contains("cannot generate a rollback for changeset ada:4")
                .isEqualTo("Liquibase cannot generate a rollback for changeset ada:4 in " + ROOT.resolve("xml")
                        + "/db.changelog-master.xml (sql): " + XML_FIX);
        assertThat(applied()).as("nothing was rolled back").containsExactly("1", "2", "3", "4");
    }

    @Test
    void a_revision_of_another_history_is_refused() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("yaml"), SourceOptions.defaults());
        Revision stranger = Revision.reversible("create-items", "", List.of("elsewhere.yaml"));

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(stranger, db.connection())).failure();

        assertThat(failure.toString()).isEqualTo(ROOT.resolve("yaml") + ": revision create-items is not part of this history");
        assertThat(userTables()).isEmpty();
    }

    @Test
    void yaml_changelogs_work_and_generated_rollbacks_drop_indexes() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("yaml"), SourceOptions.defaults());
        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("create-items", "index-items");

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().indexes()).contains("items_id");
        source.downgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().indexes()).doesNotContain("items_id");
    }

    @Test
    void a_classpath_changelog_works_like_the_file() throws Exception {
        String location = "classpath:/source/liquibase/yaml/db.changelog-master.yaml";
        assertThat(MigrationSources.detect(location, SourceOptions.defaults())).isEqualTo(SourceType.LIQUIBASE);

        MigrationSource source = MigrationSources.open(location, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("create-items", "index-items");
        assertThat(source.revisions().get(0).files()).containsExactly("classpath:source/liquibase/yaml/db.changelog-master.yaml");
        source.upgrade(source.revisions().get(0), db.connection());
        assertThat(userTables()).containsExactly("items");
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(userTables()).isEmpty();
    }

    @Test
    void formatted_sql_changelogs_use_their_rollback_lines() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("formatted-sql/changelog.sql"), SourceOptions.defaults());
        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(tuple("1", true), tuple("2", true), tuple("3", false));

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().value("select count(*) from pg_proc where proname = 'order_total'")).isEqualTo("1");
        source.downgrade(source.revisions().get(1), db.connection());
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(db.probe().value("select count(*) from pg_proc where proname = 'order_total'")).isEqualTo("0");
        assertThat(userTables()).isEmpty();
    }

    @Test
    void a_failing_changeset_points_at_its_declaration_with_the_postgres_message() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("broken"), SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(ROOT.resolve("broken") + "/db.changelog-master.xml:14:1");
        assertThat(failure.message()).isEqualTo("type \"integr\" does not exist");
        assertThat(failure.sqlState()).isEqualTo("42704");
        assertThat(applied()).containsExactly("1");
    }

    @Test
    void a_failing_formatted_sql_statement_points_at_its_own_line_not_at_the_changeset_header(@TempDir Path dir)
            throws Exception {
        // jasmeet-bajwa/DBTest: a precondition between the header and the SQL, and a type Postgres does not have.
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table t1 (id int);
                --rollback drop table t1;

                --changeset a:2
                --preconditions onFail:HALT
                --precondition-sql-check expectedResult:0 select count(*) from pg_tables where tablename = 't2'
                create table t2 (id int);
                create table t3 (
                    id int,
                    d Datetime
                );
                --rollback drop table t3;
                --rollback drop table t2;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":11:1");
        assertThat(failure.message()).isEqualTo("type \"datetime\" does not exist");
    }

    @Test
    void revisions_by_tag_group_the_changesets_up_to_each_tag() throws Exception {
        MigrationSource source = MigrationSources.open(ROOT.resolve("tags"),
                SourceOptions.defaults().withLiquibaseRevisions(LiquibaseRevisions.TAG));
        assertThat(source.revisions()).extracting(Revision::id, Revision::description)
                .containsExactly(tuple("v1", "up to tag v1"), tuple("v2", "up to tag v2"));

        source.upgrade(source.revisions().get(0), db.connection());
        assertThat(userTables()).containsExactly("a", "b");
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(userTables()).containsExactly("a", "b", "c");
        source.downgrade(source.revisions().get(1), db.connection());
        assertThat(userTables()).containsExactly("a", "b");
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(userTables()).isEmpty();
    }

    @Test
    void a_changelog_that_cannot_be_parsed_is_a_finding(@TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.xml"), "<databaseChangeLog><changeSet id=");

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INVALID_CHANGELOG);
            assertThat(finding.file()).isEqualTo(dir + "/db.changelog-master.xml");
            assertThat(finding.message()).startsWith("cannot be parsed: ");
        });
    }

    @Test
    void a_syntax_error_in_an_included_changelog_is_named_at_its_file_and_line(@TempDir Path dir) throws Exception {
        // gravitee-api-management's master.yml was committed with a merge's conflict markers in it; the finding named
        // the master and only "while scanning a simple key", Liquibase's first words, with no file or line.
        Files.createDirectories(dir.resolve("changes"));
        Path changelog = Files.writeString(dir.resolve("master.yml"), """
                databaseChangeLog:
                  - include:
                      file: changes/001.yml
                      relativeToChangelogFile: true
                  - include:
                      file: changes/002.xml
                      relativeToChangelogFile: true
                """);
        Files.writeString(dir.resolve("changes/001.yml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ada
                      changes:
                        - sql: CREATE TABLE a (id int)
                <<<<<<< HEAD
                =======
                  - changeSet:
                      id: 2
                >>>>>>> 45bed58
                """);
        Files.writeString(dir.resolve("changes/002.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <changeSet id="3" author="ada">
                    <sql>CREATE TABLE c (id int)</sql>
                  </changeSet
                </databaseChangeLog>
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INVALID_CHANGELOG);
            assertThat(finding.file()).isEqualTo(dir + "/changes/001.yml");
            assertThat(finding.message()).isEqualTo("cannot be parsed: line 8, column 1: could not find expected ':'"
                    + " (while scanning a simple key at line 7, column 1)");
        });

        Files.writeString(dir.resolve("changes/001.yml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ada
                      changes:
                        - sql: CREATE TABLE a (id int)
                """);
        MigrationSource xml = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(xml.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.file()).isEqualTo(dir + "/changes/002.xml");
            assertThat(finding.message()).isEqualTo("cannot be parsed: line 8, column 1: The end-tag for element type"
                    + " \"changeSet\" must end with a '>' delimiter.");
        });
    }

    @Test
    void a_formatted_sql_changelog_that_stops_the_parser_is_named_not_the_master_that_includes_it(@TempDir Path dir)
            throws Exception {
        // srankmeng/my-liquibase: an includeAll of a folder where one file has a second '--liquibase formatted sql'
        // header at line 9. Liquibase says only "Duplicate formatted SQL header at line 9", and the finding named the
        // master, which has no line 9 to look at.
        Files.createDirectories(dir.resolve("changelogs"));
        Path changelog = Files.writeString(dir.resolve("db.changelog-root.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.4.xsd">
                  <includeAll path="changelogs" errorIfMissingOrEmpty="false"/>
                </databaseChangeLog>
                """);
        Files.writeString(dir.resolve("changelogs/0.1.0_create.sql"), """
                --liquibase formatted sql
                --changeset srank:0.1.0
                CREATE TABLE application_parameter (name varchar(128) PRIMARY KEY);
                --rollback DROP TABLE application_parameter;
                """);
        Files.writeString(dir.resolve("changelogs/0.1.3_insert.sql"), """
                --liquibase formatted sql
                --changeset srank:0.1.3
                INSERT INTO application_parameter (name) VALUES ('test3');
                --rollback DELETE FROM application_parameter WHERE name = 'test3';


                --liquibase formatted sql
                --changeset srank:0.1.4
                INSERT INTO application_parameter (name) VALUES ('test4');
                --rollback DELETE FROM application_parameter WHERE name = 'test4';
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INVALID_CHANGELOG);
            assertThat(finding.file()).isEqualTo(dir + "/changelogs/0.1.3_insert.sql");
            assertThat(finding.message()).isEqualTo("cannot be parsed: Duplicate formatted SQL header at line 7");
        });
    }

    @Test
    void a_sql_changelog_whose_header_is_not_its_first_line_is_said_to_be_plain_sql(@TempDir Path dir) throws Exception {
        // DookuG-DB's add_privileges_to_table.sql: a licence comment above '--liquibase formatted sql' makes Liquibase
        // read the file as plain SQL, one changeset (raw) with no ${...} replaced. The finding said the parameter had no
        // value and to give it one, which changes nothing, and the rollback hint said to add --rollback lines.
        Path changelog = Files.writeString(dir.resolve("changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <property name="schema_name" value="app"/>
                  <include file="procedure.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        String formatted = """
                --liquibase formatted sql

                --changeset ada:${schema_name}_TOUCH endDelimiter:/
                CREATE SCHEMA ${schema_name};
                CREATE TABLE ${schema_name}.t (id int)
                /
                --rollback DROP SCHEMA ${schema_name} CASCADE;
                """;
        Files.writeString(dir.resolve("procedure.sql"), "-- Copyright (C) 2025 Example\n-- SPDX-License-Identifier: Apache-2.0\n\n"
                + formatted);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade).containsExactly(tuple("raw", false));
        String why = "Liquibase reads the file as plain SQL, since its first line is not '--liquibase formatted sql' (line 4 is)";
        String fix = "move '--liquibase formatted sql' from line 4 to the file's first line";
        assertThat(source.findings()).filteredOn(f -> f.kind() == Kind.UNDEFINED_PLACEHOLDER).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.message()).isEqualTo("changeset raw uses ${schema_name}, which Liquibase leaves as"
                            + " written: " + why + ", and replaces no changelog parameters in plain SQL");
                    assertThat(finding.fix()).isEqualTo(fix);
                });
        assertThat(source.revisions().get(0).noDowngradeReason()).endsWith(why + ", which has no rollback: " + fix
                + ", then add '--rollback <sql>' lines after the changeset's SQL");
        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(0), db.connection())).failure();
        assertThat(failure.message()).contains("syntax error at or near \"$\"");

        Files.writeString(dir.resolve("procedure.sql"), formatted);
        MigrationSource fixed = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(fixed.findings()).isEmpty();
        fixed.upgrade(fixed.revisions().get(0), db.connection());
        assertThat(db.probe().strings("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema = 'app'")).containsExactly("app.t");
        fixed.downgrade(fixed.revisions().get(0), db.connection());
        assertThat(db.probe().strings("select nspname from pg_namespace where nspname = 'app'")).isEmpty();
    }

    @Test
    void classpath_and_classpath_star_includes_are_found_in_the_resources_folder_as_spring_boot_finds_them(@TempDir Path dir)
            throws Exception {
        // A Spring Boot project's "includeAll: path: classpath*:db/changelog/changes/" (a pattern its guides teach) and
        // "include: file: classpath:db/...": Spring's Liquibase resolves both on the class path, which src/main/resources
        // is; the verifier found nothing ("holds no changesets for Postgres") or refused the include as not found.
        Path resources = Files.createDirectories(dir.resolve("src/main/resources/db/changelog/changes"))
                .getParent().getParent().getParent();
        Path changelog = Files.writeString(resources.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include:
                      file: classpath:db/changelog/001-users.yaml
                  - includeAll:
                      path: classpath*:db/changelog/changes/
                      errorIfMissingOrEmpty: false
                """);
        Files.writeString(resources.resolve("db/changelog/001-users.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: users
                      author: ada
                      changes:
                        - createTable: {tableName: users, columns: [{column: {name: id, type: int}}]}
                """);
        Files.writeString(resources.resolve("db/changelog/changes/002-orders.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: orders
                      author: ada
                      changes:
                        - createTable: {tableName: orders, columns: [{column: {name: id, type: int}}]}
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("users", "orders");
        source.revisions().forEach(r -> source.upgrade(r, db.connection()));
        assertThat(userTables()).containsExactlyInAnyOrder("users", "orders");
        source.downgrade(source.revisions().get(1), db.connection());
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(userTables()).isEmpty();
    }

    private static Path customChangeChangelog(Path dir, String className) throws Exception {
        return Files.writeString(dir.resolve("db.changelog-master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <changeSet id="1" author="ada">
                    <customChange class="%s"/>
                  </changeSet>
                </databaseChangeLog>
                """.formatted(className));
    }

    @Test
    void a_custom_change_whose_class_is_not_on_the_class_path_names_the_class_and_how_to_add_it(@TempDir Path dir)
            throws Exception {
        Path changelog = customChangeChangelog(dir, "com.example.migrations.FillDefaults");

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).isEmpty();
        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INVALID_CHANGELOG);
            assertThat(finding.file()).isEqualTo(dir + "/db.changelog-master.xml");
            assertThat(finding.message()).isEqualTo("needs the class com.example.migrations.FillDefaults (a"
                    + " customChange's, or one it uses), which is not on the class path");
            assertThat(finding.fix()).contains("java -cp migrationtest.jar:<the application's class path>"
                    + " io.github.migrationtest.verifier.cli.Main verify");
        });
    }

    @Test
    void a_custom_change_on_the_class_path_runs_up_and_rolls_back(@TempDir Path dir) throws Exception {
        Path changelog = customChangeChangelog(dir, CreatesAuditTable.class.getName());

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        Revision revision = source.revisions().get(0);
        source.upgrade(revision, db.connection());
        assertThat(userTables()).containsExactly("audit_log");
        source.downgrade(revision, db.connection());
        assertThat(userTables()).isEmpty();
    }

    @Test
    void an_include_no_folder_of_the_search_path_holds_names_the_folders_and_the_option(@TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: lib/jobs-changelog.yaml}
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.INVALID_CHANGELOG);
            assertThat(finding.message()).isEqualTo("includes lib/jobs-changelog.yaml, which no folder of the search"
                    + " path holds (" + dir + ")");
            assertThat(finding.fix()).startsWith("give the folder its path is relative to with --search-path");
        });
    }

    @Test
    void files_the_changesets_read_and_that_are_missing_are_said_when_the_history_is_read(@TempDir Path dir)
            throws Exception {
        // Liquibase needs an sqlFile's file for its first update of any changeset: without this the first revision,
        // whose own SQL is sound, would be the one that fails.
        Files.writeString(dir.resolve("present.sql"), "create table present (id int);");
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: one, author: ada, changes: [{sql: {sql: "create table roles (name text)"}}],
                      rollback: "drop table roles"}
                  - changeSet:
                      id: two
                      author: ada
                      changes: [{sqlFile: {path: absent.sql, relativeToChangelogFile: true}}]
                      rollback: [{sqlFile: {path: present.sql, relativeToChangelogFile: true}}]
                  - changeSet:
                      id: three
                      author: ada
                      changes: [{loadData: {tableName: roles, file: roles.csv, relativeToChangelogFile: true}}]
                      rollback: "delete from roles"
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).filteredOn(HistoryFinding::isError).extracting(HistoryFinding::message)
                .containsExactly("changeset ada:two needs " + dir.resolve("absent.sql") + ", which does not exist",
                        "changeset ada:three needs " + dir.resolve("roles.csv") + ", which does not exist");
        assertThat(source.findings()).filteredOn(HistoryFinding::isError).allSatisfy(finding -> {
            assertThat(finding.file()).endsWith("db.changelog-master.yaml");
            assertThat(finding.fix()).startsWith("add the file, or give the folder that holds it with --search-path");
        });

        Files.writeString(dir.resolve("absent.sql"), "create table absent (id int);");
        Files.writeString(dir.resolve("roles.csv"), "name\nadmin\n");
        assertThat(MigrationSources.open(changelog, SourceOptions.defaults()).findings()).noneMatch(HistoryFinding::isError);
    }

    @Test
    void a_load_data_file_no_folder_of_the_search_path_holds_names_the_folders_and_the_option(@TempDir Path dir)
            throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: one, author: ada, changes: [{sql: {sql: "create table roles (name text)"}}],
                      rollback: "drop table roles"}
                  - changeSet:
                      id: two
                      author: ada
                      changes: [{loadData: {tableName: roles, file: fake-data/roles.csv, relativeToChangelogFile: false}}]
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.message()).contains("needs ", "fake-data/roles.csv, which no folder of the search path holds (")
                .doesNotContain("holds (none)").endsWith("; add the file, or give the folder that holds it with --search-path");
    }

    @Test
    void a_generated_rollback_that_fails_shows_its_sql_and_a_constraint_without_a_name_says_what_to_add(@TempDir Path dir)
            throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: one, author: ada, changes: [{sql: {sql: "create table tokens (token text)"}}],
                      rollback: "drop table tokens"}
                  - changeSet:
                      id: two
                      author: ada
                      comment: %s
                      changes: [{addUniqueConstraint: {tableName: tokens, columnNames: token}}]
                """.formatted("A comment that goes on and on about why the token must be unique, the ticket, the"
                + " incident that showed it, and the rollout plan for it"));
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(source.revisions().get(1).description()).isEqualTo("A comment that goes on and on about why the"
                + " token must be unique, the ticket, the incident that…");
        assertThat(failure.message()).endsWith("(Liquibase ran: ALTER TABLE public.tokens DROP CONSTRAINT null)");
        assertThat(failure.hint()).startsWith("the change names no constraint").contains("constraintName");
    }

    @Test
    void a_formatted_sql_rollback_that_fails_is_placed_at_its_rollback_line_with_the_sql_liquibase_ran(@TempDir Path dir)
            throws Exception {
        // The lines after '--rollback alter table users' are plain comments: Liquibase runs 'alter table users' alone.
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table users (id int primary key);
                --rollback drop table users;

                --changeset a:2
                alter table users
                    add column email text;
                --rollback alter table users
                --  drop column email;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(1), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":10:1");
        assertThat(failure.message()).isEqualTo("syntax error at end of input (Liquibase ran: alter table users)");
        assertThat(failure.hint()).isEqualTo("line 11 is a plain comment, not a --rollback line, so the rollback statement"
                + " ends before it: start every line of a rollback with --rollback");
    }

    @Test
    void a_rollback_statement_that_fails_is_placed_at_its_line_not_among_the_changes(@TempDir Path dir) throws Exception {
        // rhsm-subscriptions' idiom: a <rollback> that drops what the <sql> made under another name.
        Path xml = Files.writeString(dir.resolve("changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="1" author="a">
                        <sql>
                            CREATE TABLE measurements (id int);

                            CREATE TABLE hosts (id int);
                        </sql>
                        <rollback>
                            DROP TABLE hosts;
                            DROP TABLE measurement;
                        </rollback>
                    </changeSet>
                </databaseChangeLog>
                """);
        Path yaml = Files.writeString(dir.resolve("changelog.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - sql: DROP TABLE IF EXISTS tokens; CREATE TABLE tokens (token text)
                      rollback:
                        - sql: DROP TABLE IF EXISTS tokens
                        - sql: DROP TABLE tokens
                """);
        MigrationSource source = MigrationSources.open(xml, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());
        MigrationFailure xmlFailure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(0), db.connection())).failure();
        MigrationSource yamlSource = MigrationSources.open(yaml, SourceOptions.defaults());
        yamlSource.upgrade(yamlSource.revisions().get(0), db.connection());
        MigrationFailure yamlFailure = catchThrowableOfType(MigrationFailedException.class,
                () -> yamlSource.downgrade(yamlSource.revisions().get(0), db.connection())).failure();

        assertThat(xmlFailure.location()).isEqualTo(xml + ":13:1");
        assertThat(xmlFailure.message()).isEqualTo("table \"measurement\" does not exist");
        assertThat(yamlFailure.location()).isEqualTo(yaml + ":9:1");
        assertThat(yamlFailure.message()).isEqualTo("table \"tokens\" does not exist");
    }

    @Test
    void a_statement_liquibase_cut_short_shows_what_ran_and_how_to_run_it_whole(@TempDir Path dir) throws Exception {
        // DayBook-3.0's idiom: endDelimiter:$$ around functions, which Liquibase splits at the first $$.
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset svn:1 endDelimiter:$$
                CREATE OR REPLACE FUNCTION touch() RETURNS TRIGGER LANGUAGE plpgsql
                AS $$
                BEGIN
                    NEW.update_time = now();
                    RETURN NEW;
                END;
                $$;
                --rollback DROP FUNCTION touch();
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":3:1");
        assertThat(failure.message()).isEqualTo("syntax error at end of input (Liquibase ran: CREATE OR REPLACE FUNCTION"
                + " touch() RETURNS TRIGGER LANGUAGE plpgsql\nAS)");
        assertThat(failure.hint()).contains("endDelimiter", "splitStatements:false");
    }

    @Test
    void a_changelog_with_a_logical_file_path_is_named_by_the_file_it_is_in(@TempDir Path dir) throws Exception {
        // Dropwizard's idiom: logicalFilePath="migrations.xml" is the identity in DATABASECHANGELOG, and no file.
        Path changelog = Files.writeString(dir.resolve("accountsdb.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"
                        logicalFilePath="migrations.xml">
                    <changeSet id="1" author="a">
                        <createTable tableName="things"><column name="id" type="bigint"/></createTable>
                    </changeSet>
                    <changeSet id="2" author="a">
                        <sql>CREATE INDEX things_id ON things (id);</sql>
                    </changeSet>
                    <changeSet id="3" author="a">
                        <sql>ALTER TABLE nothing ADD COLUMN n int;</sql>
                        <rollback/>
                    </changeSet>
                </databaseChangeLog>
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions().get(1).files()).containsExactly(changelog.toString());
        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(
                changelog + ": changeset a:2 cannot be rolled back (sql); " + XML_FIX + ", or declare revision 2 irreversible");
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().strings("select filename from databasechangelog order by orderexecuted"))
                .as("the identity stays Liquibase's").containsExactly("migrations.xml", "migrations.xml");
        MigrationFailure noRollback = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(1), db.connection())).failure();
        assertThat(noRollback.location()).isEqualTo(changelog + ":9:1");

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.upgrade(source.revisions().get(2), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":12:1");
        assertThat(failure.message()).isEqualTo("relation \"nothing\" does not exist");
    }

    @Test
    void a_statement_refused_in_the_transaction_of_a_changeset_names_runInTransaction(@TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table t (id bigint primary key, v text);
                create index ix_t_v on t (v);
                --rollback drop index concurrently if exists ix_t_v;
                --rollback drop table t;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":6:1");
        assertThat(failure.message()).isEqualTo("DROP INDEX CONCURRENTLY cannot run inside a transaction block");
        assertThat(failure.hint()).isEqualTo("Liquibase runs a changeset and its rollback in a transaction unless its"
                + " --changeset line says runInTransaction:false, so this fails in production too");
        assertThat(LiquibaseSource.inTransactionUnless("db/changelog.yaml")).endsWith("the changeSet has runInTransaction: false");
        assertThat(LiquibaseSource.inTransactionUnless("db/changelog.xml")).endsWith("the changeSet has runInTransaction=\"false\"");
    }

    @Test
    void a_formatted_sql_rollback_statement_that_fails_as_written_is_placed_at_its_line_without_repeating_it(@TempDir Path dir)
            throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table users (id int primary key);
                create table users_old (id int primary key);
                --rollback drop table users_old;
                --rollback drop table
                --rollback   nothere;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        source.upgrade(source.revisions().get(0), db.connection());

        MigrationFailure failure = catchThrowableOfType(MigrationFailedException.class,
                () -> source.downgrade(source.revisions().get(0), db.connection())).failure();

        assertThat(failure.location()).isEqualTo(changelog + ":7:1");
        assertThat(failure.message()).isEqualTo("table \"nothere\" does not exist");
        assertThat(failure.hint()).isEmpty();
    }

    @Test
    void a_default_schema_comes_first_on_the_search_path_and_holds_liquibase_s_tables_as_with_its_command_line(
            @TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table things (id int primary key, name text);
                --rollback drop table things;

                --changeset a:2
                create index things_name_idx on app.things (name);
                --rollback drop index app.things_name_idx;
                """);
        db.connection().createStatement().execute("create schema app");
        String searchPath = db.probe().value("show search_path");
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults().withLiquibaseSchemas("app", null));

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());

        assertThat(tablesIn("app", "public")).containsExactly("app.databasechangelog", "app.databasechangeloglock", "app.things");
        assertThat(db.probe().value("show search_path")).as("the connection's own, after the step").isEqualTo(searchPath);
        source.downgrade(source.revisions().get(1), db.connection());
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(tablesIn("app", "public")).containsExactly("app.databasechangelog", "app.databasechangeloglock");
    }

    @Test
    void a_liquibase_schema_holds_liquibase_s_tables_and_the_default_schema_the_changesets_objects(@TempDir Path dir)
            throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset a:1
                create table things (id int primary key);
                --rollback drop table things;
                """);
        db.connection().createStatement().execute("create schema app; create schema audit");
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults().withLiquibaseSchemas("app", "audit"));

        source.upgrade(source.revisions().get(0), db.connection());

        assertThat(tablesIn("app", "audit", "public"))
                .containsExactly("app.things", "audit.databasechangelog", "audit.databasechangeloglock");
    }

    private List<String> tablesIn(String... schemas) throws Exception {
        return db.probe().strings("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema = any (string_to_array(?, ',')) order by 1", String.join(",", schemas));
    }

    @Test
    void a_changeset_that_cannot_be_rolled_back_names_only_the_changes_without_a_rollback(@TempDir Path dir)
            throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: one
                      author: ada
                      changes:
                        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}
                        - createProcedure: {dbms: mysql, procedureName: p, procedureBody: "select 1"}
                        - sql: {sql: "insert into t values (1)"}
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions().get(0).noDowngradeReason())
                .startsWith("Liquibase cannot generate a rollback for changeset ada:one in " + changelog + " (sql): ");
    }

    @Test
    void a_changeset_whose_only_change_is_for_another_database_is_not_a_revision(@TempDir Path dir) throws Exception {
        // meterNG's test data: Liquibase skips the changeset on Postgres and records nothing, so update never applies it.
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: one, author: ada, changes: [{createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}}]}
                  - changeSet: {id: testData, author: ada, changes: [{sql: {dbms: "h2, mysql", sql: "insert into t values (1)"}}]}
                  - changeSet:
                      id: two
                      author: ada
                      changes:
                        - createTable: {tableName: u, columns: [{column: {name: id, type: int}}]}
                        - sql: {dbms: mysql, sql: "insert into u values (1)"}
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("one", "two");
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        assertThat(applied()).containsExactly("one", "two");
    }

    @Test
    void a_changeset_that_creates_a_table_and_drops_a_default_on_it_is_told_to_roll_back_by_dropping_it(@TempDir Path dir)
            throws Exception {
        // JHipster writes one for every entity with a date column.
        Path changelog = Files.writeString(dir.resolve("master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="1" author="jhipster">
                        <createTable tableName="repas">
                            <column name="id" type="bigint"/>
                            <column name="date" type="timestamp"/>
                        </createTable>
                        <dropDefaultValue tableName="repas" columnName="date" columnDataType="timestamp"/>
                    </changeSet>
                    <changeSet id="2" author="jhipster">
                        <createTable tableName="other"><column name="id" type="bigint"/></createTable>
                        <dropDefaultValue tableName="repas" columnName="date" columnDataType="timestamp"/>
                    </changeSet>
                </databaseChangeLog>
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions().get(0).noDowngradeReason()).endsWith("(dropDefaultValue): add"
                + " <rollback><dropTable tableName=\"repas\"/></rollback>: its dropDefaultValue only takes away a default"
                + " the table was just created with, which Liquibase cannot invert, and dropping the table undoes both");
        assertThat(source.revisions().get(1).noDowngradeReason()).as("drops a default on a table it did not create")
                .endsWith("(dropDefaultValue): " + XML_FIX);
    }

    @Test
    void a_changeset_declared_twice_is_a_finding(@TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: one, author: ada, changes: [{sql: {sql: "select 1"}}]}
                  - changeSet: {id: one, author: ada, changes: [{sql: {sql: "select 2"}}]}
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id).containsExactly("one");
        assertThat(source.findings()).extracting(HistoryFinding::kind, HistoryFinding::message)
                .contains(tuple(Kind.DUPLICATE_VERSION, "has changeset ada:one twice"));
    }

    @Test
    void the_changelog_is_parsed_once_per_source_not_once_per_step(@TempDir Path dir) throws Exception {
        Path changelog = Files.copy(ROOT.resolve("yaml/db.changelog-master.yaml"), dir.resolve("db.changelog-master.yaml"));
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        Revision first = source.revisions().get(0);
        Revision second = source.revisions().get(1);
        source.upgrade(first, db.connection());

        // Had a later step read the changelog again, it would fail for want of the file.
        Files.delete(changelog);
        source.upgrade(second, db.connection());
        assertThat(db.probe().indexes()).contains("items_id");
        source.downgrade(second, db.connection());
        source.downgrade(first, db.connection());
        assertThat(userTables()).isEmpty();

        // The parsed changelog serves every database the source migrates, as the extension's tests do.
        try (DisposableDatabase other = PostgresServer.shared().createDatabase(); Connection connection = other.connect()) {
            source.upgrade(first, connection);
            source.upgrade(second, connection);
            assertThat(new SchemaProbe(connection).strings("select id from databasechangelog order by orderexecuted"))
                    .containsExactly("create-items", "index-items");
        }
        assertThat(applied()).isEmpty();
    }

    @Test
    void a_role_created_or_dropped_in_a_changesets_sql_or_rollback_is_a_server_wide_change(@TempDir Path dir) throws Exception {
        Path changelog = dir.resolve("changelog.sql");
        Files.writeString(changelog, """
                --liquibase formatted sql

                --changeset dev:1
                CREATE TABLE t (id int);
                --rollback DROP TABLE t;
                """);
        assertThat(MigrationSources.open(changelog, SourceOptions.defaults()).serverWideChange()).isEmpty();

        Files.writeString(changelog, """

                --changeset dev:2
                GRANT SELECT ON t TO PUBLIC;
                --rollback REVOKE SELECT ON t FROM PUBLIC; DROP ROLE IF EXISTS reader;
                """, StandardOpenOption.APPEND);

        assertThat(MigrationSources.open(changelog, SourceOptions.defaults()).serverWideChange())
                .contains(changelog + " (changeset dev:2): DROP ROLE");
    }
}
