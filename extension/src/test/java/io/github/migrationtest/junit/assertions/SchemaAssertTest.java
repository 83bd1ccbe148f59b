package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import io.github.migrationtest.junit.MigrationRunner;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SchemaAssertTest extends SchemaFixture {

    private static final String TABLES = "archive.invoices, billing.invoices, billing.orders, public.\"Audit Log\", "
            + "public.orders, public.users";

    @Test
    void should_pass_when_the_table_exists_by_any_spelling_postgres_accepts() {
        assertThatCode(() -> assertThat(schema).hasTable("users").hasTable("USERS").hasTable("public.users")
                .hasTable("\"Audit Log\"").hasTable("billing.invoices").doesNotHaveTable("\"Users\""))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_path_and_the_tables_there_are_when_a_table_is_missing() {
        // WHEN
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThat(schema).hasTable("customers"));
        // THEN
        then(error).hasMessage("[public.customers] no such table; tables: " + TABLES);
    }

    @Test
    void should_fail_when_navigating_to_a_missing_table() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("audit log").hasColumn("id"));

        then(error).hasMessage("[public.\"audit log\"] no such table; tables: " + TABLES);
    }

    @Test
    void should_fail_when_a_table_that_should_be_gone_is_there() {
        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThat(schema).doesNotHaveTable("users"));

        then(error).hasMessage("[public.users] expected no table here, but there is one");
    }

    @Test
    void should_prefer_public_and_otherwise_ask_to_qualify_an_ambiguous_name() {
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("orders").hasColumn("user_id")))
                .isNull();

        AssertionError error = catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("invoices"));

        then(error).hasMessage("[invoices] the table name is ambiguous, qualify it with its schema: "
                + "archive.invoices, billing.invoices");
    }

    @Test
    void should_pass_when_two_databases_built_by_the_same_history_are_compared(MigrationRunner runner) {
        assertThatCode(() -> assertThat(runner.upgradeToHead().snapshot()).isEqualTo(schema)).doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_differences_and_both_texts_for_the_ide_when_schemas_differ(MigrationRunner runner) {
        // GIVEN
        SchemaSnapshot before = runner.downgradeToBase().snapshot();
        // WHEN
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(before).ignoring("billing.*", "archive.*", "schema *", "*.orders*", "*order_totals",
                        "*.users*", "*.active_users", "function *", "procedure *", "type *", "*invoice_numbers")
                        .isEqualTo(schema));
        // THEN
        then(error).hasMessage("""
                expected the schemas to match, but the actual one differs:
                public."Audit Log": missing table""");
        then(error.getExpected().getStringRepresentation()).contains("table public.\"Audit Log\"");
        then(error.getActual().getStringRepresentation()).doesNotContain("Audit Log");
    }

    @Test
    void should_ignore_what_the_ignore_rules_say(MigrationRunner runner) {
        SchemaSnapshot empty = runner.downgradeToBase().snapshot();

        assertThatCode(() -> assertThat(empty).ignoring("billing.*", "archive.*", "public.*", "schema *", "function *",
                "procedure *", "type *").isEqualTo(schema)).doesNotThrowAnyException();
    }
}
