package io.github.migrationtest.verifier.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Where a statement a tool runs is found in its file: in order, whatever the tool did to its white space and comments. */
class StatementFinderTest {

    private static final String SCRIPT = """
            -- CREATE INDEX t_a ON t (a) is mentioned in a comment first
            SET lock_timeout = '2s';
            CREATE INDEX t_a
                ON t (a);
            /* a block
               comment */ ALTER TABLE t ADD COLUMN d int;
            ALTER TABLE t ADD COLUMN d2 int;
            --rollback DROP INDEX t_a;
            """;

    @Test
    void statements_are_found_in_order_at_their_first_line() {
        StatementFinder finder = StatementFinder.of("V1__x.sql", SCRIPT);

        assertThat(finder.find("CREATE INDEX t_a ON t (a)")).isEqualTo(OptionalInt.of(3));
        assertThat(finder.find("alter table t add column d int")).isEqualTo(OptionalInt.of(6));
        assertThat(finder.find("ALTER TABLE t ADD COLUMN d2 int;")).isEqualTo(OptionalInt.of(7));
        assertThat(finder.find("DROP INDEX t_a")).as("a Liquibase --rollback line is SQL").isEqualTo(OptionalInt.of(8));
        assertThat(finder.file()).isEqualTo("V1__x.sql");
    }

    @Test
    void what_is_not_in_the_file_after_the_last_one_found_is_not_found() {
        StatementFinder finder = StatementFinder.of("V1__x.sql", SCRIPT);

        assertThat(finder.find("INSERT INTO flyway_schema_history VALUES (1)")).isEmpty();
        assertThat(finder.find("ALTER TABLE t ADD COLUMN d2 int")).isEqualTo(OptionalInt.of(7));
        assertThat(finder.find("CREATE INDEX t_a ON t (a)")).as("before the cursor").isEmpty();
    }

    @Test
    void a_region_bounds_the_search() {
        StatementFinder finder = StatementFinder.of("changelog.sql", SCRIPT);

        finder.within(4, 7);
        assertThat(finder.find("ALTER TABLE t ADD COLUMN d2 int")).isEmpty();
        assertThat(finder.find("ALTER TABLE t ADD COLUMN d int")).isEqualTo(OptionalInt.of(6));
    }
}
