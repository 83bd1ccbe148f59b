package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TableAssertTest extends SchemaFixture {

    @Test
    void should_pass_when_the_table_has_these_columns_indexes_and_primary_key() {
        assertThatCode(() -> assertThat(schema).table("users")
                .hasColumns("id", "email", "name", "status", "created_at")
                .hasColumn("EMAIL")
                .hasIndex("users_email_idx")
                .hasPrimaryKey("id")
                .returnToSchema().table("\"Audit Log\"").hasColumn("\"Note\""))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_columns_there_are_when_a_column_is_missing() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").column("mail"));

        then(error).hasMessage("[public.users.mail] no such column; columns: id, email, name, status, created_at");
    }

    @Test
    void should_fail_with_both_lists_when_the_columns_differ() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(schema).table("users").hasColumns("id", "email"));

        then(error).hasMessage("[public.users] expected columns id, email but was id, email, name, status, created_at");
        then(error.getExpected().getValue()).isEqualTo("id, email");
    }

    @Test
    void should_fail_with_the_indexes_there_are_when_an_index_is_missing() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").hasIndex("users_status_idx"));

        then(error).hasMessage("[public.users_status_idx] no such index; indexes: users_email_idx, users_name_idx, users_pkey");
    }

    @Test
    void should_name_a_missing_object_by_its_own_name_when_it_is_given_qualified() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").hasIndex("public.users_status_idx")))
                .hasMessage("[public.users_status_idx] no such index; indexes: users_email_idx, users_name_idx, users_pkey");
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").column("users.mail")))
                .hasMessage("[public.users.mail] no such column; columns: id, email, name, status, created_at");
    }

    @Test
    void should_fail_with_the_constraints_there_are_when_a_constraint_is_missing() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").constraint("orders_status_check"));

        then(error).hasMessage("[constraint public.orders.orders_status_check] no such constraint; constraints: "
                + "orders_pkey, orders_total_check, orders_user_fk, orders_user_total_key");
    }

    @Test
    void should_fail_when_a_foreign_key_is_another_kind_of_constraint() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").foreignKey("orders_total_check"));

        then(error).hasMessage("[constraint public.orders.orders_total_check] expected a foreign key but it is "
                + "CHECK ((total >= (0)::numeric))");
    }

    @Test
    void should_fail_when_the_primary_key_is_on_other_columns_or_missing() {
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").hasPrimaryKey("email")))
                .hasMessage("[public.users] expected primary key on (email) but was (id)");
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("\"Audit Log\"").hasPrimaryKey("id")))
                .hasMessage("[public.\"Audit Log\"] expected a primary key on (id) but the table has none");
    }
}
