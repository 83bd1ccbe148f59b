package io.github.migrationtest.examples;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;

import io.github.migrationtest.junit.MigrationRunner;
import io.github.migrationtest.junit.MigrationTest;
import io.github.migrationtest.junit.assertions.SchemaSoftAssertions;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema assertions in an integration test: the database starts at head, and a test asserts on
 * the schema the migrations built, as the application relies on it.
 */
@MigrationTest(location = "classpath:db/migration", startAt = "head")
@ExtendWith(SoftAssertionsExtension.class)
class OrderSchemaIntegrationTest {

    @InjectSoftAssertions
    private SchemaSoftAssertions softly;

    @Test
    void customers_are_unique_by_email_whatever_its_case(SchemaSnapshot schema) {
        assertThat(schema).table("customers")
                .hasColumns("id", "email", "first_name", "last_name")
                .column("email").hasType("varchar(255)").isNullable()
                .returnToTable().index("customers_email_idx").isUnique().covers("lower((email)::text)");
    }

    @Test
    void orders_belong_to_customers_and_are_open_until_paid(SchemaSnapshot schema) {
        assertThat(schema)
                .table("orders")
                .foreignKey("orders_customer_id_fkey").references("customers", "id").onDelete("CASCADE")
                .returnToTable().constraint("orders_total_check").checks("total >= 0")
                .returnToTable().column("status").hasType("order_status").isNotNull().hasDefault("'open'")
                .returnToTable().column("placed_at").hasType("timestamptz").hasDefault("now()")
                .returnToTable().returnToSchema()
                .enumType("order_status").hasLabels("open", "paid", "shipped");
    }

    /** Soft assertions report every difference at once, across tables and columns. */
    @Test
    void every_table_has_a_primary_key(SchemaSnapshot schema) {
        softly.assertThat(schema)
                .table("customers").hasPrimaryKey("id").column("id").isIdentity()
                .returnToTable().returnToSchema()
                .table("orders").hasPrimaryKey("id").column("id").hasType("bigint");
    }

    /**
     * The runner moves the database from head, too; this one undoes the last revision. Postgres
     * adds a column at the end, so the name comes back after the email.
     */
    @Test
    void before_revision_5_customers_have_one_name(MigrationRunner runner) {
        assertThat(runner.downgradeOne().snapshot()).table("customers")
                .hasColumns("id", "email", "name")
                .column("name").hasType("text").isNotNull();
    }
}
