package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A misspelt migrationtest.* key is warned of, naming the key meant, instead of silently leaving the default. */
class UnknownSettingsTest {

    private static final String TYPO = "migrationtest.snapshot.updte";

    @MigrationTest(location = "classpath:histories/passing")
    static class AnyTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class AnotherTestCase {
        @Test
        void test() {
        }
    }

    @Test
    void a_misspelt_system_property_is_published_in_the_report_once_naming_the_nearest_key() {
        Kit.Run run;
        System.setProperty(TYPO, "true");
        try {
            run = Kit.runCapturingStandardError(new Class<?>[] {AnyTestCase.class, AnotherTestCase.class});
        } finally {
            System.clearProperty(TYPO);
        }
        EngineExecutionResults results = run.results();
        assertThat(run.standardError()).isEqualTo("migrationtest: Unknown setting " + TYPO
                + " (system property) is ignored. Did you mean migrationtest.snapshot.update?" + System.lineSeparator());

        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList();
        assertThat(entries).containsExactly(Map.of(UnknownSettings.REPORT_KEY, "Unknown setting " + TYPO
                + " (system property) is ignored. Did you mean migrationtest.snapshot.update?"));
        Kit.assertAllPassed(results, 2);
    }

    @Test
    void keys_of_junit_platform_properties_are_checked_against_the_extensions_keys_too(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("junit-platform.properties");
        Files.writeString(file, "migrationtest.location=db/migration\nmigrationtest.colummOrder=strict\n"
                + "junit.jupiter.execution.parallel.enabled=true\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            assertThat(UnknownSettings.find(loader)).contains("Unknown setting migrationtest.colummOrder"
                    + " (junit-platform.properties at " + file.toUri().toURL() + ") is ignored."
                    + " Did you mean migrationtest.columnOrder?")
                    .noneMatch(warning -> warning.contains("migrationtest.location "));
        }
    }

    @Test
    void every_key_of_the_annotation_and_the_verifier_is_known() {
        assertThat(UnknownSettings.knownKeys()).contains(MigrationTest.LOCATION_PROPERTY_NAME,
                MigrationTest.ALEMBIC_ENV_PROPERTY_NAME, MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME,
                "migrationtest.postgres.keepFailed", "migrationtest.embedded.root");
    }
}
