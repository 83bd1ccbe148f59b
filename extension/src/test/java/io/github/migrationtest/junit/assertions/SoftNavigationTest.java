package io.github.migrationtest.junit.assertions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Soft assertions keep collecting across every navigation method: to an object that exists (its
 * checks are collected) and to one that does not (one error, and the chain goes on).
 */
@ExtendWith(SoftAssertionsExtension.class)
class SoftNavigationTest extends SchemaFixture {

    @InjectSoftAssertions
    private SchemaSoftAssertions injected;

    private static final String USERS_COLUMNS = "id, email, name, status, created_at";

    @Test
    void should_collect_the_checks_of_every_object_navigated_to() {
        // GIVEN
        SchemaSoftAssertions softly = new SchemaSoftAssertions();
        // WHEN
        softly.assertThat(schema).hasTable("customers")
                .table("users").hasColumn("mail")
                .column("email").hasType("text").isNullable()
                .returnToTable().index("users_name_idx").isUnique()
                .returnToTable().constraint("users_pkey").isForeignKey()
                .returnToTable().returnToSchema().table("orders").foreignKey("orders_user_fk").onDelete("RESTRICT")
                .returnToTable().returnToSchema().enumType("mood").hasLabels("sad")
                .returnToSchema().view("active_users").isMaterialized()
                .returnToSchema().sequence("invoice_numbers").hasIncrement(1)
                .returnToSchema().function("touch").returns("void")
                .returnToSchema().hasTable("users");
        // THEN
        then(softly.errorsCollected()).extracting(SoftNavigationTest::firstLine).containsExactly(
                "[public.customers] no such table; tables: archive.invoices, billing.invoices, billing.orders, "
                        + "public.\"Audit Log\", public.orders, public.users",
                "[public.users.mail] no such column; columns: " + USERS_COLUMNS,
                "[public.users.email] expected type text but was character varying(255)",
                "[public.users.email] expected a nullable column but the column is NOT NULL",
                "[public.users_name_idx] expected a unique index but it is "
                        + "CREATE INDEX users_name_idx ON public.users USING btree (name, created_at DESC)",
                "[constraint public.users.users_pkey] expected a foreign key but it is PRIMARY KEY (id)",
                "[constraint public.orders.orders_user_fk] expected ON DELETE RESTRICT but was CASCADE",
                "[type public.mood] expected labels (sad) but was (sad, ok, happy)",
                "[public.active_users] expected a materialized view but it is a plain view",
                "[public.invoice_numbers] expected increment 1 but was 10",
                "[function public.touch()] expected result void but was trigger");
    }

    @Test
    void should_report_each_missing_object_once_and_go_on_past_it() {
        // GIVEN
        SchemaSoftAssertions softly = new SchemaSoftAssertions();
        // WHEN
        softly.assertThat(schema)
                .table("customers").hasColumn("id").hasColumns("id").hasPrimaryKey("id").hasIndex("x")
                .column("id").hasType("int").isNotNull().isNullable().hasDefault("0").hasNoDefault().isIdentity()
                .returnToTable().index("customers_pkey").isUnique().isNotUnique().covers("id")
                .returnToTable().constraint("customers_pkey").isPrimaryKey().isUnique().isCheck().checks("true")
                .references("users").onDelete("CASCADE").onUpdate("CASCADE").hasDefinition("x")
                .returnToTable().foreignKey("customers_fk").isForeignKey()
                .returnToTable().returnToSchema()
                .table("users").column("mail").hasType("text").returnToTable()
                .index("users_mail_idx").isUnique().returnToTable()
                .constraint("users_mail_check").isCheck().returnToTable()
                .foreignKey("users_fk").references("x").returnToTable()
                .foreignKey("users_pkey").onDelete("CASCADE").returnToTable()
                .returnToSchema()
                .enumType("feeling").hasLabels("x").returnToSchema()
                .view("inactive_users").isMaterialized().isNotMaterialized().hasDefinitionContaining("x").returnToSchema()
                .sequence("order_numbers").hasType("int").hasStart(1).hasIncrement(1).isOwnedBy("x").returnToSchema()
                .function("untouch").returns("x").hasLanguage("x").hasVolatility("x").isProcedure().returnToSchema()
                .hasTable("users");
        // THEN
        then(softly.errorsCollected()).extracting(SoftNavigationTest::firstLine).containsExactly(
                "[public.customers] no such table; tables: archive.invoices, billing.invoices, billing.orders, "
                        + "public.\"Audit Log\", public.orders, public.users",
                "[public.users.mail] no such column; columns: " + USERS_COLUMNS,
                "[public.users_mail_idx] no such index; indexes: users_email_idx, users_name_idx, users_pkey",
                "[constraint public.users.users_mail_check] no such constraint; constraints: users_pkey",
                "[constraint public.users.users_fk] no such constraint; constraints: users_pkey",
                "[constraint public.users.users_pkey] expected a foreign key but it is PRIMARY KEY (id)",
                "[type public.feeling] no such enum; enum types: public.mood",
                "[public.inactive_users] no such view; views: public.active_users, public.order_totals",
                "[public.order_numbers] no such sequence; sequences: public.invoice_numbers, public.orders_id_seq, "
                        + "public.users_id_seq",
                "[function public.untouch] no such function; functions: public.forget_orders(IN owner bigint), "
                        + "public.order_count(owner bigint), public.order_count(owner bigint, since timestamp with time zone), "
                        + "public.touch()");
    }

    /** AssertJ adds the line of the soft assertion's call to each collected message. */
    private static String firstLine(Throwable error) {
        return error.getMessage().lines().findFirst().orElse("");
    }

    @Test
    void should_throw_every_collected_error_at_the_end() {
        Throwable error = catchThrowable(() -> SoftAssertionsProvider.assertSoftly(SchemaSoftAssertions.class,
                softly -> softly.assertThat(schema).table("users").column("email").hasType("text")
                        .returnToTable().column("name").isNotNull()));

        then(error).hasMessageContainingAll("Multiple Failures (2 failures)",
                "[public.users.email] expected type text but was character varying(255)",
                "[public.users.name] expected NOT NULL but the column is nullable");
    }

    @Test
    void should_work_with_assertj_junit_extension_injection() {
        injected.assertThat(schema).table("users").column("email").hasType("varchar(255)").isNotNull();

        assertThat(injected.wasSuccess()).isTrue();
        assertThat(injected.errorsCollected()).isEmpty();
    }
}
