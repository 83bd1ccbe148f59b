package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "users|users",
        "Users|\"Users\"",
        "my table|\"my table\"",
        "a\"b|\"a\"\"b\"",
        "1abc|\"1abc\""})
    void quotes_only_names_that_need_it(String name, String quoted) {
        assertThat(Identifiers.quote(name)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "Mixed Case", "dot.ted", "quo\"te", "new\nline", "back\\slash", "tab\tx", "(x)"})
    void a_qualified_name_splits_back_into_its_parts(String name) {
        String qualified = Identifiers.qualify("s", name, "c");

        assertThat(qualified).doesNotContain("\n");
        assertThat(Identifiers.split(qualified).parts()).containsExactly("s", name, "c");
    }
}
