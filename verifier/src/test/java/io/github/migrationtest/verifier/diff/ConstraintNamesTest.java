package io.github.migrationtest.verifier.diff;

import static io.github.migrationtest.verifier.snapshot.RichFixture.built;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.junit.jupiter.api.Test;

/**
 * {@link DiffOptions.ConstraintNames}: the same constraints and indexes under the names a tool made
 * up and the names a migration chose, both built by real Postgres.
 */
class ConstraintNamesTest {
    private static final DiffOptions BY_DEFINITION = DiffOptions.defaults().withConstraintsMatchedByDefinition();

    private static final String CUSTOMERS = "CREATE TABLE customers (id bigint PRIMARY KEY, email text);";

    /** Orders as Hibernate names things: hashed names for the key, the unique constraint and the index. */
    private static final String GENERATED_NAMES = CUSTOMERS
            + " CREATE TABLE orders (id bigint NOT NULL, customer_id bigint NOT NULL, code text,"
            + "   CONSTRAINT pk4k2n9 PRIMARY KEY (id));"
            + " ALTER TABLE orders ADD CONSTRAINT uk8s7d6f UNIQUE (code);"
            + " ALTER TABLE orders ADD CONSTRAINT fkq1w2e3 FOREIGN KEY (customer_id) REFERENCES customers (id);"
            + " CREATE INDEX idx9z8y7 ON orders (customer_id);";

    /** The same orders as a migration writes them. */
    private static final String MIGRATION_NAMES = CUSTOMERS
            + " CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, code text UNIQUE);"
            + " ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);"
            + " CREATE INDEX orders_customer_idx ON orders (customer_id);";

    @Test
    void by_default_another_name_is_a_missing_and_an_unexpected_object_and_fails() throws Exception {
        DiffResult result = SchemaDiff.compare(built(GENERATED_NAMES), built(MIGRATION_NAMES));

        assertThat(result.matches()).isFalse();
        assertThat(result.differences()).extracting(Difference::kind, Difference::path).contains(
                tuple(DifferenceKind.MISSING, "constraint public.orders.fkq1w2e3"),
                tuple(DifferenceKind.UNEXPECTED, "constraint public.orders.orders_customer_fk"),
                tuple(DifferenceKind.MISSING, "public.idx9z8y7"),
                tuple(DifferenceKind.UNEXPECTED, "public.orders_customer_idx"));
    }

    @Test
    void by_definition_the_same_constraints_and_indexes_under_other_names_are_reported_renames_that_do_not_fail()
            throws Exception {
        DiffResult result = SchemaDiff.compare(built(GENERATED_NAMES), built(MIGRATION_NAMES), BY_DEFINITION);

        assertThat(result.matches()).isTrue();
        assertThat(result.differences()).allMatch(Difference::reportOnly)
                .extracting(Difference::kind, Difference::objectKind, Difference::path, Difference::actual)
                .containsExactlyInAnyOrder(
                        tuple(DifferenceKind.RENAMED, ObjectKind.CONSTRAINT, "constraint public.orders.pk4k2n9",
                                "orders_pkey"),
                        tuple(DifferenceKind.RENAMED, ObjectKind.CONSTRAINT, "constraint public.orders.uk8s7d6f",
                                "orders_code_key"),
                        tuple(DifferenceKind.RENAMED, ObjectKind.CONSTRAINT, "constraint public.orders.fkq1w2e3",
                                "orders_customer_fk"),
                        tuple(DifferenceKind.RENAMED, ObjectKind.INDEX, "public.idx9z8y7", "orders_customer_idx"));
        // The indexes behind the primary key and unique constraint follow their constraints, unlisted.
        assertThat(result.render()).contains(
                "constraint public.orders.fkq1w2e3: constraint named orders_customer_fk instead, same definition"
                        + " [report only]\n",
                "public.idx9z8y7: index named orders_customer_idx instead, same definition [report only]\n");
    }

    @Test
    void by_definition_a_constraint_that_also_differs_in_definition_is_not_paired() throws Exception {
        String cascading = MIGRATION_NAMES.replace("REFERENCES customers (id);",
                "REFERENCES customers (id) ON DELETE CASCADE;");

        DiffResult result = SchemaDiff.compare(built(GENERATED_NAMES), built(cascading), BY_DEFINITION);

        assertThat(result.failures()).extracting(Difference::kind, Difference::path).containsExactly(
                tuple(DifferenceKind.MISSING, "constraint public.orders.fkq1w2e3"),
                tuple(DifferenceKind.UNEXPECTED, "constraint public.orders.orders_customer_fk"));
    }

    @Test
    void by_definition_constraints_are_paired_only_on_the_same_table() throws Exception {
        String tables = "CREATE TABLE a (n int); CREATE TABLE b (n int);";

        DiffResult result = SchemaDiff.compare(built(tables + " ALTER TABLE a ADD CONSTRAINT ck1 CHECK (n > 0);"),
                built(tables + " ALTER TABLE b ADD CONSTRAINT ck2 CHECK (n > 0);"), BY_DEFINITION);

        assertThat(result.failures()).extracting(Difference::kind, Difference::path).containsExactly(
                tuple(DifferenceKind.MISSING, "constraint public.a.ck1"),
                tuple(DifferenceKind.UNEXPECTED, "constraint public.b.ck2"));
    }

    @Test
    void by_definition_a_renamed_index_is_still_compared_for_everything_but_its_name() throws Exception {
        DiffResult result = SchemaDiff.compare(built(GENERATED_NAMES),
                built(MIGRATION_NAMES + " COMMENT ON INDEX orders_customer_idx IS 'lookups by customer';"), BY_DEFINITION);

        assertThat(result.failures()).containsExactly(new ChangedProperty("public.idx9z8y7", ObjectKind.INDEX,
                "comment", null, "lookups by customer", "public.orders"));
    }

    @Test
    void by_definition_an_index_whose_name_needs_quotes_is_paired_too() throws Exception {
        String quoted = MIGRATION_NAMES.replace("CREATE INDEX orders_customer_idx ON",
                "CREATE INDEX \"Orders by Customer\" ON");

        SchemaSnapshot generated = built(GENERATED_NAMES);
        SchemaSnapshot migrated = built(quoted);

        DiffResult result = SchemaDiff.compare(generated, migrated, BY_DEFINITION);
        assertThat(result.matches()).isTrue();
        assertThat(result.differences()).extracting(Difference::kind, Difference::path, Difference::actual)
                .contains(tuple(DifferenceKind.RENAMED, "public.idx9z8y7", "Orders by Customer"));
        // The other way round, the expected name goes into the actual definition quoted as Postgres quotes it.
        assertThat(SchemaDiff.compare(migrated, generated, BY_DEFINITION).matches()).isTrue();
    }

    @Test
    void by_definition_identical_snapshots_have_no_difference() throws Exception {
        SchemaSnapshot snapshot = built(GENERATED_NAMES);

        assertThat(SchemaDiff.compare(snapshot, built(GENERATED_NAMES), BY_DEFINITION).isEmpty()).isTrue();
    }
}
