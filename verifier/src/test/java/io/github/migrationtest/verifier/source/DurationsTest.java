package io.github.migrationtest.verifier.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timeouts users write, read the same on the command line and in the extension. */
class DurationsTest {

    @Test
    void short_forms_and_iso_8601_are_read_in_their_units() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void case_and_spaces_around_the_unit_do_not_matter() {
        assertThat(Durations.parse(" 5 S ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Durations.parse("250MS")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("pt5s")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anything_else_is_refused_with_what_is_allowed() {
        for (String bad : new String[] {"soon", "5", "5d", "-5s", "", "99999999999999999999s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(Durations.ALLOWED);
        }
    }
}
