package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Liquibase options of the command line reach Liquibase as its own options of those names do. */
class LiquibaseOptionsTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** Changesets for the contexts test and prod, and with the label slow; test-data has no rollback. */
    private static Path changelog() {
        return Path.of("src/test/resources/source/liquibase/contexts/changelog.sql");
    }

    @Test
    void contexts_and_labels_leave_out_the_changesets_liquibase_would_not_run() {
        int exit = run("verify", changelog().toString(), "--contexts", "prod", "--labels", "!slow");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Verifying 1 revision of", "[1/1] schema");
    }

    @Test
    void without_them_every_changeset_is_a_revision_and_one_without_rollback_says_how_to_add_it() {
        Path changelog = changelog();

        int exit = run("verify", changelog.toString(), "--checks", "DOWNGRADE_RESTORES_SCHEMA");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("Verifying 4 revisions of");
        assertThat(err.toString()).contains(changelog + ": changeset dev:test-data cannot be rolled back (sql); add '--rollback"
                + " <sql>' lines after the changeset's SQL ('--rollback empty' when there is nothing to undo), or declare"
                + " revision test-data irreversible");
    }

    @Test
    void two_files_with_the_same_changeset_id_and_author_are_told_apart_in_the_live_lines_and_the_table() throws IOException {
        // dina-user-api: 2-Add_uuid_... and 3-Add_saved_export_... both hold "2-Add_uuid_to_user_preference_table.xml" by
        // Brandon Andre; Liquibase names each path::id::author, and both rows read "…preference_table.xml::Brandon Andre".
        Path changes = Files.createDirectories(dir.resolve("db/changelog/migrations"));
        Path master = Files.writeString(dir.resolve("db/changelog/master.yaml"), """
                databaseChangeLog:
                  - include: {file: migrations/2-Add_uuid_to_user_preference_table.yaml, relativeToChangelogFile: true}
                  - include: {file: migrations/3-Add_saved_export_column_selection.yaml, relativeToChangelogFile: true}
                """);
        String changeSet = """
                databaseChangeLog:
                  - changeSet:
                      id: 2-Add_uuid_to_user_preference_table.xml
                      author: Brandon Andre
                      changes:
                        - createTable: {tableName: %s, columns: [{column: {name: id, type: int}}]}
                """;
        Files.writeString(changes.resolve("2-Add_uuid_to_user_preference_table.yaml"), changeSet.formatted("a"));
        Files.writeString(changes.resolve("3-Add_saved_export_column_selection.yaml"), changeSet.formatted("b"));

        int exit = run("verify", master.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains(
                "[1/2] …/2-Add_uuid_to_user_preference_tab… up ok",
                "[2/2] …/3-Add_saved_export_column_selecti… up ok",
                "…/2-Add_uuid_to_user_preference_tab… ok",
                "…/3-Add_saved_export_column_selecti… ok");
    }

    @Test
    void the_search_path_is_where_includes_are_found() throws IOException {
        Path db = Files.createDirectories(dir.resolve("db"));
        Path common = Files.createDirectories(dir.resolve("common/shared"));
        Path master = Files.writeString(db.resolve("master.yaml"), """
                databaseChangeLog:
                  - include: {file: shared/users.sql}
                """);
        Files.writeString(common.resolve("users.sql"), """
                --liquibase formatted sql

                --changeset dev:users
                CREATE TABLE users (id int);
                --rollback DROP TABLE users;
                """);

        int exit = run("verify", master.toString(), "--search-path", db + "," + dir.resolve("common"));

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("[1/1] users");
    }
}
