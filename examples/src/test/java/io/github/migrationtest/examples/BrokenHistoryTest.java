package io.github.migrationtest.examples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What a broken history looks like to its suite. The suite itself would fail the build, so it is
 * a nested class that Surefire does not run; this test runs it and asserts its failures.
 */
class BrokenHistoryTest {

    @MigrationTest(location = "classpath:db/broken")
    static class BrokenMigrationsSuite implements MigrationChecks {
    }

    @Test
    void the_suite_fails_where_a_downgrade_leaves_a_type_behind_and_says_how_to_fix_it() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BrokenMigrationsSuite.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.failed(3));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("3: the downgrade restores the schema")), finishedWithFailure(message("""
                        Revision 3 (add customer tier): the downgrade did not restore the schema
                          type public.customer_tier: unexpected enum
                        Fix: Make classpath:db/broken/U3__add_customer_tier.sql undo every change of the upgrade \
                        (it lacks: DROP TYPE public.customer_tier;), or declare revision 3 irreversible"""))))
                .haveExactly(1, event(test(displayName("3: the re-upgrade reproduces the schema")),
                        finishedWithFailure(message(m -> m.startsWith("""
                                Revision 3 (add customer tier): the upgrade failed after the downgrade
                                  classpath:db/broken/V3__add_customer_tier.sql:1:1: type "customer_tier" already exists""")))))
                .haveExactly(1, event(test(displayName("a full downgrade returns to the base schema")),
                        finishedWithFailure(message(m -> m.contains("type public.customer_tier")))));
    }
}
