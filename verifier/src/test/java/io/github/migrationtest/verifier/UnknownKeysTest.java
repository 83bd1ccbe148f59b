package io.github.migrationtest.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private final UnknownKeys all = new UnknownKeys(UnknownKeys.VERIFIER_KEYS, Integer.MAX_VALUE);

    @Test
    void a_misspelt_key_is_reported_with_the_nearest_known_key() {
        assertThat(all.keys(List.of("migrationtest.postgres.versoin", "migrationtest.postgres.version"), "system property"))
                .containsExactly("Unknown setting migrationtest.postgres.versoin (system property) is ignored."
                        + " Did you mean migrationtest.postgres.version?");
    }

    @Test
    void a_key_in_the_wrong_case_is_unknown_too() {
        assertThat(all.keys(List.of("migrationtest.postgres.keepfailed"), "system property"))
                .containsExactly("Unknown setting migrationtest.postgres.keepfailed (system property) is ignored."
                        + " Did you mean migrationtest.postgres.keepFailed?");
    }

    @Test
    void a_misspelt_environment_variable_is_reported_with_the_variable_and_key_it_likely_meant() {
        assertThat(all.environment(List.of("MIGRATIONTEST_POSTGRES_URI", "MIGRATIONTEST_POSTGRES_KEEP_FAILED", "PATH")))
                .containsExactly("Unknown setting MIGRATIONTEST_POSTGRES_URI (environment variable) is ignored."
                        + " Did you mean MIGRATIONTEST_POSTGRES_URL (migrationtest.postgres.url)?");
    }

    @Test
    void names_outside_the_prefix_and_known_keys_are_left_alone() {
        assertThat(all.keys(List.of("java.io.tmpdir", "migrationtestx", "migrationtest.alembic.python",
                "migrationtest.embedded.binaries"), "system property")).isEmpty();
    }

    @Test
    void with_a_limit_only_near_misses_are_reported() {
        UnknownKeys nearOnly = new UnknownKeys(UnknownKeys.VERIFIER_KEYS, 3);

        assertThat(nearOnly.keys(List.of("migrationtest.location", "migrationtest.embeded.root"), "system property"))
                .containsExactly("Unknown setting migrationtest.embeded.root (system property) is ignored."
                        + " Did you mean migrationtest.embedded.root?");
        assertThat(all.keys(List.of("migrationtest.location"), "system property")).hasSize(1);
    }

    @Test
    void distance_counts_edits_and_a_change_of_case_as_one() {
        assertThat(UnknownKeys.distance("keepFailed", "keepFailed")).isZero();
        assertThat(UnknownKeys.distance("keepFailed", "keepfailed")).isEqualTo(1);
        assertThat(UnknownKeys.distance("version", "versoin")).isEqualTo(2);
        assertThat(UnknownKeys.distance("url", "")).isEqualTo(3);
    }
}
