package io.github.migrationtest.verifier.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names and globs as the user writes them, and which of them protect nothing. */
class ProtectedSchemasTest {

    @Test
    void entries_split_at_commas_lose_duplicates_and_keep_their_order() {
        assertThat(ProtectedSchemas.parse(List.of("crm, billing_*", "crm", "audit")).globs())
                .containsExactly("crm", "billing_*", "audit");
    }

    @Test
    void a_glob_matches_whole_names_and_its_other_characters_stand_for_themselves() {
        ProtectedSchemas schemas = ProtectedSchemas.parse(List.of("billing_?", "a.b$"));

        assertThat(schemas.regexes()).containsExactly("^billing_.$", "^a\\.b\\$$");
        assertThat(schemas.unmatched(List.of("billing_eu", "axb$"))).containsExactly("billing_?", "a.b$");
        assertThat(schemas.unmatched(List.of("billing_e", "a.b$"))).isEmpty();
    }

    @Test
    void a_name_that_matches_nothing_is_unmatched_and_a_glob_only_when_nothing_matches() {
        ProtectedSchemas schemas = ProtectedSchemas.parse(List.of("crm", "billing_*", "audit"));

        assertThat(schemas.unmatched(List.of("crm", "public"))).containsExactly("audit");
        assertThat(schemas.unmatched(List.of("public"))).containsExactly("crm", "billing_*", "audit");
    }
}
