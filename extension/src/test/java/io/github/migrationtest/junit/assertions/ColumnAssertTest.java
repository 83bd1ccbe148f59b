package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class ColumnAssertTest extends SchemaFixture {

    @Test
    void should_pass_when_type_nullability_and_default_match_in_the_spellings_people_use() {
        assertThatCode(() -> assertThat(schema).table("users")
                .column("email").hasType("varchar(255)").hasType("character varying(255)").isNotNull().hasNoDefault()
                .returnToTable().column("name").hasType("text").isNullable()
                .returnToTable().column("status").hasDefault("'active'").hasDefault("'active'::text")
                .returnToTable().column("created_at").hasType("timestamptz").hasDefault("now()")
                .returnToTable().column("id").hasType("int8").isIdentity().returnToTable()
                .returnToSchema().table("orders").column("mood").hasType("mood").hasType("public.mood")
                .returnToTable().column("total").hasType("numeric(12, 2)")
                .returnToTable().column("id").hasDefault("nextval('public.orders_id_seq'::regclass)"))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_path_and_both_types_when_the_type_differs() {
        // WHEN
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(schema).table("users").column("email").hasType("text"));
        // THEN
        then(error).hasMessage("[public.users.email] expected type text but was character varying(255)");
        then(error.getActual().getValue()).isEqualTo("character varying(255)");
        then(error.getExpected().getValue()).isEqualTo("text");
    }

    @Test
    void should_fail_when_nullability_differs() {
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").column("name").isNotNull()))
                .hasMessage("[public.users.name] expected NOT NULL but the column is nullable");
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").column("email").isNullable()))
                .hasMessage("[public.users.email] expected a nullable column but the column is NOT NULL");
    }

    @Test
    void should_fail_when_the_default_differs_or_is_missing() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").column("status").hasDefault("'inactive'")))
                .hasMessage("[public.users.status] expected default 'inactive' but was 'active'::text");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").column("email").hasDefault("''")))
                .hasMessage("[public.users.email] expected default '' but was none");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").column("status").hasNoDefault()))
                .hasMessage("[public.users.status] expected default none but was 'active'::text");
    }

    @Test
    void should_fail_when_the_column_is_not_an_identity() {
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("orders").column("id").isIdentity()))
                .hasMessage("[public.orders.id] expected an identity column but it is not");
    }
}
