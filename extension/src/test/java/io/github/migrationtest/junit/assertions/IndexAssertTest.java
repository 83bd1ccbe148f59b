package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;

class IndexAssertTest extends SchemaFixture {

    @Test
    void should_pass_when_uniqueness_and_keys_match() {
        assertThatCode(() -> assertThat(schema).table("users")
                .index("users_email_idx").isUnique().covers("lower((email)::text)")
                .returnToTable().index("users_name_idx").isNotUnique().covers("name", "created_at")
                .returnToTable().index("users_pkey").isUnique().covers("id"))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_definition_when_uniqueness_differs() {
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").index("users_name_idx").isUnique()))
                .hasMessage("[public.users_name_idx] expected a unique index but it is "
                        + "CREATE INDEX users_name_idx ON public.users USING btree (name, created_at DESC)");
        then(catchThrowableOfType(AssertionError.class, () -> assertThat(schema).table("users").index("users_pkey").isNotUnique()))
                .hasMessage("[public.users_pkey] expected an index that is not unique but it is "
                        + "the index of constraint users_pkey: PRIMARY KEY (id)");
    }

    @Test
    void should_fail_with_both_key_lists_when_the_keys_differ() {
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").index("users_name_idx").covers("created_at", "name")))
                .hasMessage("[public.users_name_idx] expected keys (created_at, name) but was (name, created_at DESC)");
        then(catchThrowableOfType(AssertionError.class,
                () -> assertThat(schema).table("users").index("users_email_idx").covers("email")))
                .hasMessage("[public.users_email_idx] expected keys (email) but was (lower((email)::text))");
    }
}
