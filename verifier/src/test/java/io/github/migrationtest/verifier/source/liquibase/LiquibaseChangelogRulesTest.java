package io.github.migrationtest.verifier.source.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.migrationtest.verifier.source.FreshDatabase;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How Liquibase reads and runs a changelog, rule by rule, on small changelogs written here. */
class LiquibaseChangelogRulesTest {

    private static final String XML_HEADER = """
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
            """;

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @TempDir
    Path dir;

    private Path write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** changelog.sql: a formatted SQL changelog of these changesets. */
    private Path formattedSql(String changeSets) throws IOException {
        return write("changelog.sql", "--liquibase formatted sql\n\n" + changeSets);
    }

    private static String sql(String author, String id, String sql, String rollback) {
        return "--liquibase formatted sql\n\n--changeset " + author + ":" + id + "\n" + sql + "\n" + rollback + "\n";
    }

    private List<String> applied() throws Exception {
        return db.probe().strings("select filename || '::' || id || '::' || exectype from databasechangelog order by orderexecuted");
    }

    private List<String> tables() throws Exception {
        return db.probe().tables().stream().filter(t -> !t.startsWith("databasechangelog")).toList();
    }

    private void upAll(MigrationSource source) {
        source.revisions().forEach(r -> source.upgrade(r, db.connection()));
    }

    private void downAll(MigrationSource source) {
        List<Revision> revisions = source.revisions();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            source.downgrade(revisions.get(i), db.connection());
        }
    }

    @Test
    void include_all_reads_the_folder_under_the_changelogs_folder_in_file_name_order() throws Exception {
        Path changelog = write("src/main/resources/migrations.xml", XML_HEADER + "<includeAll path=\"migrations\"/>\n</databaseChangeLog>");
        write("src/main/resources/migrations/0002_b.sql", sql("dev", "b", "CREATE TABLE b (id int);", "--rollback DROP TABLE b;"));
        write("src/main/resources/migrations/0001_a.sql", sql("dev", "a", "CREATE TABLE a (id int);", "--rollback DROP TABLE a;"));

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id, Revision::files).containsExactly(
                tuple("a", List.of(dir + "/src/main/resources/migrations/0001_a.sql")),
                tuple("b", List.of(dir + "/src/main/resources/migrations/0002_b.sql")));
        upAll(source);
        assertThat(applied()).containsExactly("migrations/0001_a.sql::a::EXECUTED", "migrations/0002_b.sql::b::EXECUTED");
        downAll(source);
        assertThat(tables()).isEmpty();
    }

    @Test
    void paths_relative_to_the_resources_folder_are_found_as_on_the_class_path() throws Exception {
        // Spring Boot's layout: paths written from the class path root, the changelog two folders below it.
        Path changelog = write("src/main/resources/db/changelog/db.changelog-master.xml", XML_HEADER
                + "<include file=\"db/changelog/changes/001-cards.xml\"/>\n"
                + "<include file=\"changes/002-more.xml\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>");
        write("src/main/resources/db/changelog/changes/001-cards.xml", XML_HEADER
                + "<changeSet id=\"cards\" author=\"dev\"><createTable tableName=\"cards\"><column name=\"brand\" type=\"text\"/>"
                + "</createTable></changeSet>\n"
                + "<changeSet id=\"seed\" author=\"dev\"><loadData tableName=\"cards\" file=\"seed-data/cards.csv\"/>"
                + "<rollback><delete tableName=\"cards\"/></rollback></changeSet>\n</databaseChangeLog>");
        write("src/main/resources/db/changelog/changes/002-more.xml", XML_HEADER
                + "<changeSet id=\"more\" author=\"dev\"><addColumn tableName=\"cards\"><column name=\"label\" type=\"text\"/>"
                + "</addColumn></changeSet>\n</databaseChangeLog>");
        write("src/main/resources/seed-data/cards.csv", "brand\nvisa\nmaster-card\n");

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("cards", "seed", "more");
        upAll(source);
        assertThat(db.probe().strings("select brand from cards order by 1")).containsExactly("master-card", "visa");
        assertThat(applied()).containsExactly("db/changelog/changes/001-cards.xml::cards::EXECUTED",
                "db/changelog/changes/001-cards.xml::seed::EXECUTED", "db/changelog/changes/002-more.xml::more::EXECUTED");
        downAll(source);
        assertThat(tables()).isEmpty();
    }

    @Test
    void a_search_path_is_where_liquibase_looks_and_the_changelog_must_be_under_it() throws Exception {
        Path changelog = write("db/master.xml", XML_HEADER + "<include file=\"shared/users.xml\"/>\n</databaseChangeLog>");
        write("common/shared/users.xml", XML_HEADER + "<changeSet id=\"users\" author=\"dev\"><createTable tableName=\"users\">"
                + "<column name=\"id\" type=\"int\"/></createTable></changeSet>\n</databaseChangeLog>");

        MigrationSource withoutIt = MigrationSources.open(changelog, SourceOptions.defaults());
        MigrationSource withIt = MigrationSources.open(changelog,
                SourceOptions.defaults().withLiquibaseSearchPath(List.of(dir.resolve("db").toString(), dir.resolve("common").toString())));
        MigrationSource elsewhere = MigrationSources.open(changelog,
                SourceOptions.defaults().withLiquibaseSearchPath(List.of(dir.resolve("common").toString())));

        assertThat(withoutIt.revisions()).isEmpty();
        assertThat(withoutIt.findings()).extracting(HistoryFinding::kind).containsExactly(Kind.INVALID_CHANGELOG);
        assertThat(withoutIt.findings().get(0).message()).contains("shared/users.xml");
        assertThat(withIt.findings()).isEmpty();
        assertThat(withIt.revisions()).extracting(Revision::id, Revision::files)
                .containsExactly(tuple("users", List.of(dir + "/common/shared/users.xml")));
        withIt.upgrade(withIt.revisions().get(0), db.connection());
        assertThat(tables()).containsExactly("users");
        assertThat(elsewhere.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.MISSING_LOCATION);
            assertThat(finding.message()).startsWith("is not inside any folder of the search path");
        });
    }

    @Test
    void the_same_id_in_two_files_is_two_revisions_told_apart_by_their_file() throws Exception {
        Path changelog = write("changelog.xml", XML_HEADER + "<includeAll path=\"m\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>");
        write("m/01.sql", sql("dev", "same", "CREATE TABLE one (id int);", "--rollback DROP TABLE one;"));
        write("m/02.sql", sql("dev", "other", "CREATE TABLE two (id int);", "--rollback DROP TABLE two;"));
        write("m/03.sql", sql("dev", "same", "CREATE TABLE three (id int);", "--rollback DROP TABLE three;"));

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.findings()).isEmpty();
        assertThat(source.revisions()).extracting(Revision::id)
                .containsExactly("m/01.sql::same::dev", "other", "m/03.sql::same::dev");
        upAll(source);
        assertThat(tables()).containsExactly("one", "three", "two");
        source.downgrade(source.revisions().get(2), db.connection());
        assertThat(tables()).containsExactly("one", "two");
        assertThat(applied()).containsExactly("m/01.sql::same::EXECUTED", "m/02.sql::other::EXECUTED");
    }

    @Test
    void formatted_sql_rollbacks_may_span_lines_and_be_written_with_a_space() throws Exception {
        Path changelog = formattedSql("""
                --changeset dev:1
                CREATE TABLE a (id int);
                CREATE TABLE b (id int);
                --rollback DROP TABLE b;
                --rollback DROP TABLE a;

                --changeset dev:2
                CREATE INDEX a_id ON a (id);
                -- rollback DROP INDEX a_id;

                --changeset dev:3
                UPDATE a SET id = id + 1;
                """);

        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        assertThat(source.revisions()).extracting(Revision::id, Revision::hasDowngrade)
                .containsExactly(tuple("1", true), tuple("2", true), tuple("3", false));
        assertThat(source.revisions().get(2).noDowngradeReason()).isEqualTo("Liquibase cannot generate a rollback for changeset"
                + " dev:3 in " + changelog + " (sql): add '--rollback <sql>' lines after the changeset's SQL"
                + " ('--rollback empty' when there is nothing to undo)");
        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(source.revisions().get(1), db.connection());
        source.downgrade(source.revisions().get(1), db.connection());
        assertThat(db.probe().indexes()).doesNotContain("a_id");
        source.downgrade(source.revisions().get(0), db.connection());
        assertThat(tables()).isEmpty();
    }

    @Test
    void a_changeset_a_precondition_marks_ran_runs_nothing_either_way() throws Exception {
        Path changelog = formattedSql("""
                --changeset dev:1
                CREATE TABLE t (id int);
                --rollback DROP TABLE t;

                --changeset dev:2
                --preconditions onFail:MARK_RAN
                --precondition-sql-check expectedResult:0 SELECT count(*) FROM information_schema.tables WHERE table_name = 't'
                CREATE TABLE t (id int);
                --rollback DROP TABLE t;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());
        Revision guarded = source.revisions().get(1);

        source.upgrade(source.revisions().get(0), db.connection());
        source.upgrade(guarded, db.connection());
        assertThat(applied()).containsExactly("changelog.sql::1::EXECUTED", "changelog.sql::2::MARK_RAN");

        // Liquibase's own rollback would run DROP TABLE t here, dropping what revision 1 made.
        source.downgrade(guarded, db.connection());
        assertThat(tables()).containsExactly("t");
        assertThat(applied()).containsExactly("changelog.sql::1::EXECUTED");

        source.upgrade(guarded, db.connection());
        assertThat(applied()).containsExactly("changelog.sql::1::EXECUTED", "changelog.sql::2::MARK_RAN");
    }

    @Test
    void a_run_always_changeset_runs_at_its_revision_and_later_revisions_still_apply_one_by_one() throws Exception {
        Path changelog = formattedSql("""
                --changeset dev:1
                CREATE TABLE runs (n int);
                --rollback DROP TABLE runs;

                --changeset dev:2 runAlways:true
                INSERT INTO runs VALUES (2);
                --rollback DELETE FROM runs WHERE n = 2;

                --changeset dev:3 runOnChange:true
                CREATE VIEW runs_view AS SELECT n FROM runs;
                --rollback DROP VIEW runs_view;

                --changeset dev:4
                CREATE TABLE after (id int);
                --rollback DROP TABLE after;
                """);
        MigrationSource source = MigrationSources.open(changelog, SourceOptions.defaults());

        upAll(source);
        assertThat(applied()).extracting(row -> row.split("::")[1]).containsExactly("1", "2", "3", "4");
        assertThat(db.probe().strings("select n::text from runs")).as("run once, at its own revision").containsExactly("2");

        downAll(source);
        assertThat(tables()).isEmpty();
        assertThat(applied()).isEmpty();
    }

    @Test
    void contexts_and_labels_choose_the_changesets_as_liquibase_does() throws Exception {
        Path changelog = Path.of("src/test/resources/source/liquibase/contexts/changelog.sql");

        assertThat(MigrationSources.open(changelog, SourceOptions.defaults()).revisions()).extracting(Revision::id)
                .containsExactly("schema", "test-data", "slow-index", "prod-only");
        assertThat(MigrationSources.open(changelog, SourceOptions.defaults().withLiquibaseContexts("test")).revisions())
                .extracting(Revision::id).containsExactly("schema", "test-data", "slow-index");
        assertThat(MigrationSources.open(changelog, SourceOptions.defaults().withLiquibaseLabels("!slow")).revisions())
                .extracting(Revision::id).containsExactly("schema", "test-data");

        MigrationSource source = MigrationSources.open(changelog,
                SourceOptions.defaults().withLiquibaseContexts("prod").withLiquibaseLabels("!slow"));
        assertThat(source.revisions()).extracting(Revision::id).containsExactly("schema");
        upAll(source);
        // Named from the class path root the file lies under, src/test/resources.
        assertThat(applied()).containsExactly("source/liquibase/contexts/changelog.sql::schema::EXECUTED");
        assertThat(db.probe().value("select count(*) from t")).isEqualTo("0");
        downAll(source);
        assertThat(tables()).isEmpty();
    }

    @Test
    void a_changeset_without_rollback_names_the_fix_in_its_own_format() throws Exception {
        Path yaml = write("y/changelog.yaml", """
                databaseChangeLog:
                  - changeSet: {id: raw, author: dev, changes: [{sql: {sql: "UPDATE x SET y = 1"}}]}
                """);

        MigrationSource source = MigrationSources.open(yaml, SourceOptions.defaults());

        assertThat(source.findings()).extracting(HistoryFinding::toString).containsExactly(yaml + ": changeset dev:raw cannot be"
                + " rolled back (sql); add a 'rollback:' entry to the changeSet (with the changes or sql that undo it, or 'empty'),"
                + " or declare revision raw irreversible");
    }
}
