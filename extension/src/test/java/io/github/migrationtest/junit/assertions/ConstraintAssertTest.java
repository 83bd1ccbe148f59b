package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;

class ConstraintAssertTest extends SchemaFixture {

    @Test
    void should_pass_when_kind_target_actions_and_check_match() {
        assertThatCode(() -> assertThat(schema).table("orders")
                .foreignKey("orders_user_fk").references("users", "id").references("public.users").onDelete("cascade")
                .onUpdate("SET NULL")
                .returnToTable().constraint("orders_total_check").isCheck().checks("total >= 0")
                .returnToTable().constraint("orders_pkey").isPrimaryKey().hasDefinition("PRIMARY KEY (id)")
                .returnToTable().constraint("orders_user_total_key").isUnique())
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_actual_target_when_the_reference_differs() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").foreignKey("orders_user_fk").references("customers", "id")))
                .hasMessage("[constraint public.orders.orders_user_fk] expected reference to customers(id) "
                        + "but was public.users(id)");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").foreignKey("orders_user_fk").references("billing.users")))
                .hasMessage("[constraint public.orders.orders_user_fk] expected reference to billing.users "
                        + "but was public.users(id)");
    }

    @Test
    void should_fail_when_an_action_differs() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").foreignKey("orders_user_fk").onDelete("RESTRICT")))
                .hasMessage("[constraint public.orders.orders_user_fk] expected ON DELETE RESTRICT but was CASCADE");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").foreignKey("orders_user_fk").onUpdate("CASCADE")))
                .hasMessage("[constraint public.orders.orders_user_fk] expected ON UPDATE CASCADE but was SET NULL");
    }

    @Test
    void should_fail_when_the_kind_or_the_check_differs() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").constraint("orders_pkey").isForeignKey()))
                .hasMessage("[constraint public.orders.orders_pkey] expected a foreign key but it is PRIMARY KEY (id)");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").constraint("orders_total_check").checks("total > 0")))
                .hasMessage("[constraint public.orders.orders_total_check] expected check total > 0 "
                        + "but was ((total >= (0)::numeric))");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("orders").constraint("orders_pkey").hasDefinition("PRIMARY KEY (user_id)")))
                .hasMessage("[constraint public.orders.orders_pkey] expected definition PRIMARY KEY (user_id) "
                        + "but was PRIMARY KEY (id)");
    }
}
