package io.github.migrationtest.verifier.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a statement the guard saw was written, from the text the client sent. */
class StatementPlacesTest {

    @TempDir
    Path folder;

    @Test
    void an_upgrade_is_found_from_the_first_file_and_a_downgrade_from_the_end_of_the_last() throws IOException {
        // dbmate keeps both directions in one file; the same statement in both is the downgrade's when it comes last.
        Path both = Files.writeString(folder.resolve("20240101_touch.sql"), """
                -- migrate:up
                UPDATE legacy.customers SET name = name;

                -- migrate:down
                UPDATE legacy.customers SET name = name;
                """);
        StatementPlaces places = new StatementPlaces(List.of(both.toString()));

        assertThat(places.find("UPDATE legacy.customers SET name = name", Direction.UP)).hasValueSatisfying(
                place -> assertThat(place.toString()).isEqualTo(both + ":2"));
        assertThat(places.find("UPDATE legacy.customers SET name = name", Direction.DOWN)).hasValueSatisfying(
                place -> assertThat(place.toString()).isEqualTo(both + ":5"));
    }

    @Test
    void leading_comments_and_appended_bookkeeping_do_not_move_the_line_and_are_not_shown() throws IOException {
        Path up = Files.writeString(folder.resolve("0002_x.up.sql"), """
                CREATE TABLE notes (id int);
                -- Tidy the names.

                DELETE FROM legacy.customers WHERE name = ''""");
        String sent = "\n-- Tidy the names.\n\nDELETE FROM legacy.customers WHERE name = ''\n;\nINSERT INTO schema_migrations VALUES ('0002')";
        StatementPlaces places = new StatementPlaces(List.of(up.toString(), folder.resolve("missing.down.sql").toString()));

        assertThat(places.find(sent, Direction.UP)).hasValueSatisfying(place -> assertThat(place.line()).isEqualTo(4));
        assertThat(StatementPlaces.statement(sent)).isEqualTo("DELETE FROM legacy.customers WHERE name = ''");
    }

    @Test
    void generated_sql_is_not_placed() throws IOException {
        Path changelog = Files.writeString(folder.resolve("changelog.yaml"), "- addColumn: {tableName: customers}\n");

        assertThat(new StatementPlaces(List.of(changelog.toString())).find("ALTER TABLE legacy.customers ADD tier TEXT",
                Direction.UP)).isEmpty();
    }
}
