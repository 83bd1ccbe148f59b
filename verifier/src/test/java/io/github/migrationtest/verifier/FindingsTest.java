package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.MigrationFailure;
import org.junit.jupiter.api.Test;

class FindingsTest {

    @Test
    void a_failure_in_code_that_builds_its_sql_shows_the_statement_sent_and_one_in_a_sql_file_does_not() {
        // freight: an UPDATE kept in a constant 70 lines above the op.execute() the line names.
        MigrationFailure inCode = new MigrationFailure("migrations/versions/0001_t.py", 20, 0, "syntax error at or near \"b\"",
                "", "", "42601", "UPDATE t\n   SET a = t.b\n       b = t.a");
        MigrationFailure inSql = new MigrationFailure("0001_t.up.sql", 3, 8, "syntax error at or near \"b\"", "", "",
                "42601", "UPDATE t SET a = t.b b = t.a");

        assertThat(Findings.error(inCode).message())
                .isEqualTo("syntax error at or near \"b\" SQL: UPDATE t SET a = t.b b = t.a");
        assertThat(Findings.error(inSql).message()).isEqualTo("syntax error at or near \"b\"");
        assertThat(Findings.error(inCode.withMessage("x").withHint("h")).message()).startsWith("x HINT: h SQL: UPDATE");
    }
}
