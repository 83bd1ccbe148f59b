package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The asserts for objects that stand alone in a schema: enum types, views, sequences, functions. */
class SchemaObjectAssertsTest extends SchemaFixture {

    @Nested
    class EnumTypes {
        @Test
        void should_pass_when_the_labels_match_in_order() {
            assertThatCode(() -> assertThat(schema).enumType("mood").hasLabels("sad", "ok", "happy")).doesNotThrowAnyException();
        }

        @Test
        void should_fail_with_both_label_lists_when_they_differ() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).enumType("mood").hasLabels("sad", "happy")))
                    .hasMessage("[type public.mood] expected labels (sad, happy) but was (sad, ok, happy)");
        }

        @Test
        void should_fail_with_the_types_there_are_when_missing() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).enumType("feeling")))
                    .hasMessage("[type public.feeling] no such enum; enum types: public.mood");
        }
    }

    @Nested
    class Views {
        @Test
        void should_pass_when_kind_and_definition_match() {
            assertThatCode(() -> assertThat(schema).view("active_users").isNotMaterialized()
                    .hasDefinitionContaining("WHERE status = 'active'")
                    .returnToSchema().view("order_totals").isMaterialized().hasDefinitionContaining("GROUP BY user_id"))
                    .doesNotThrowAnyException();
        }

        @Test
        void should_fail_when_the_kind_or_definition_differs() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).view("active_users").isMaterialized()))
                    .hasMessage("[public.active_users] expected a materialized view but it is a plain view");
            then(catchThrowableOfType(AssertionError.class,
                    () -> assertThat(schema).view("active_users").hasDefinitionContaining("status = 'gone'")))
                    .hasMessageStartingWith("[public.active_users] expected definition containing status = 'gone' but was ")
                    .hasMessageContaining("WHERE status = 'active'::text;");
        }
    }

    @Nested
    class Sequences {
        @Test
        void should_pass_when_the_definition_matches() {
            assertThatCode(() -> assertThat(schema).sequence("invoice_numbers").hasType("int").hasStart(1000).hasIncrement(10)
                    .returnToSchema().sequence("orders_id_seq").hasType("bigint").isOwnedBy("orders.id"))
                    .doesNotThrowAnyException();
        }

        @Test
        void should_fail_when_a_property_differs() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).sequence("invoice_numbers").hasIncrement(1)))
                    .hasMessage("[public.invoice_numbers] expected increment 1 but was 10");
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).sequence("invoice_numbers").isOwnedBy("orders.id")))
                    .hasMessage("[public.invoice_numbers] expected owner orders.id but was none");
        }
    }

    @Nested
    class Functions {
        @Test
        void should_pass_when_result_language_and_volatility_match() {
            assertThatCode(() -> assertThat(schema).function("order_count(bigint)").returns("bigint").hasLanguage("sql")
                    .hasVolatility("stable")
                    .returnToSchema().function("order_count(owner bigint, since timestamptz)").returns("int8")
                    .returnToSchema().function("touch").returns("trigger").hasLanguage("plpgsql").hasVolatility("volatile")
                    .returnToSchema().function("forget_orders").isProcedure())
                    .doesNotThrowAnyException();
        }

        @Test
        void should_ask_for_the_arguments_of_an_overloaded_function() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).function("order_count")))
                    .hasMessage("[function order_count] the function name is ambiguous, give its arguments or its schema: "
                            + "public.order_count(owner bigint), public.order_count(owner bigint, since timestamp with time zone)");
        }

        @Test
        void should_fail_when_a_property_differs() {
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).function("touch").returns("void")))
                    .hasMessage("[function public.touch()] expected result void but was trigger");
            then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).function("touch").isProcedure()))
                    .hasMessage("[function public.touch()] expected a procedure but it is a function");
        }
    }
}
