package io.github.migrationtest.junit;

import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code failOn} and its key on a history whose revision 2 builds an index without CONCURRENTLY. */
class SafetySettingsTest {

    private static final String SAFETY = "no safety finding named in --fail-on was made";

    @MigrationTest(location = "classpath:histories/unsafe-index")
    static class ReportOnlyTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/unsafe-index", failOn = "INDEX_WITHOUT_CONCURRENTLY")
    static class FailOnTestCase implements MigrationChecks {
    }

    @Test
    void by_default_a_finding_is_reported_and_nothing_fails() {
        // 2 revisions x 3 checks, HISTORY_IS_LINEAR, FULL_DOWNGRADE_TO_BASE; no safety test without failOn.
        Kit.assertAllPassed(Kit.run(ReportOnlyTestCase.class), 8);
    }

    @Test
    void a_finding_named_in_fail_on_fails_a_test_naming_the_file_and_line() {
        EngineExecutionResults results = Kit.run(FailOnTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(SAFETY)),
                finishedWithFailure(message(m -> m.contains("0002_index_customer.up.sql:2: INDEX_WITHOUT_CONCURRENTLY"
                        + " public.orders: new index public.orders_customer built in place")))));
    }

    @Test
    void the_key_names_findings_too_and_an_unknown_one_is_a_configuration_error() {
        EngineExecutionResults results = Kit.run(ReportOnlyTestCase.class, MigrationTest.FAIL_ON_PROPERTY_NAME, "all");
        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(SAFETY)),
                finishedWithFailure(message(m -> m.contains("INDEX_WITHOUT_CONCURRENTLY")))));

        EngineExecutionResults unknown = Kit.run(ReportOnlyTestCase.class, MigrationTest.FAIL_ON_PROPERTY_NAME, "SLOW_INDEX");
        unknown.allEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m ->
                m.contains(MigrationTest.FAIL_ON_PROPERTY_NAME) && m.contains("Unknown safety finding 'SLOW_INDEX'")))));
    }
}
