package io.github.migrationtest.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension says which Spring Boot settings it verified with, and from which files, as a JUnit report entry. */
class SpringBootSettingsReportTest {

    @Test
    void the_settings_and_their_files_are_published_once_for_the_class() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(SpringBootSettingsExampleTest.class,
                        "flyway_runs_with_the_applications_history_table_and_the_test_profiles_placeholder",
                        "io.github.migrationtest.junit.MigrationRunner,javax.sql.DataSource"))
                // As junit-platform.properties sets it for Surefire's run (the test kit reads no such file).
                .configurationParameter("migrationtest.spring.profiles", "test")
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        List<String> published = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("migrationtest")).toList();
        assertThat(published).containsExactly("Flyway settings from target/classes/application.yml,"
                + " target/test-classes/application-test.yml (profile test): locations=classpath:db/shop/{vendor}"
                + " -> classpath:db/shop/postgresql, placeholders.currency=TST [target/test-classes/application-test.yml],"
                + " table=shop_schema_history");
    }
}
