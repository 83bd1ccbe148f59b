package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UnknownKeysCommandLineTest {

    private static final String TYPO = "migrationtest.postgres.versoin";

    @Test
    void a_misspelt_system_property_is_warned_of_on_standard_error_naming_the_key_meant() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty(TYPO, "16");
        try {
            assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "--version")).isZero();
        } finally {
            System.clearProperty(TYPO);
        }
        assertThat(err.toString()).contains("migrationtest: Unknown setting migrationtest.postgres.versoin (system property)"
                + " is ignored. Did you mean migrationtest.postgres.version?");
        assertThat(out.toString()).doesNotContain("Unknown setting");
    }
}
