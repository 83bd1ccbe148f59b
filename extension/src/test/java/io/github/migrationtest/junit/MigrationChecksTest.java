package io.github.migrationtest.junit;

import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class MigrationChecksTest {

    @MigrationTest(location = "classpath:histories/passing")
    static class PassingTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/broken")
    static class BrokenTestCase implements MigrationChecks {
    }

    @Test
    void an_empty_class_implementing_MigrationChecks_is_a_suite_with_a_test_per_revision_and_check() {
        EngineExecutionResults results = Kit.run(PassingTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(11).succeeded(11).failed(0).aborted(0));
        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(displayName("Revision 0001 (create users)")), finishedSuccessfully()))
                .haveExactly(1, event(container(displayName("Revision 0003 (create orders)")), finishedSuccessfully()));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("0001: the downgrade restores the schema")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("0003: the re-upgrade reproduces the schema")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("the history is linear")), finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("a full downgrade returns to the base schema")),
                        finishedSuccessfully()));
    }

    @Test
    void a_failing_check_fails_with_the_revision_what_differed_and_the_fix() {
        EngineExecutionResults results = Kit.run(BrokenTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName("0002: the downgrade restores the schema")),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message("""
                        Revision 0002 (add name index): the downgrade did not restore the schema
                          public.users_name_idx: unexpected index: CREATE INDEX users_name_idx ON public.users USING btree (name)
                        Fix: Make classpath:histories/broken/0002_add_name_index.down.sql undo every change of the upgrade \
                        (it lacks: DROP INDEX public.users_name_idx;), or declare revision 0002 irreversible"""))));
    }

    @Test
    void a_failing_upgrade_names_the_file_line_and_column_and_later_checks_are_aborted_not_failed() {
        EngineExecutionResults results = Kit.run(BrokenTestCase.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("0003: the upgrade applies")), finishedWithFailure(message("""
                        Revision 0003 (add orders): the upgrade failed
                          classpath:histories/broken/0003_add_orders.up.sql:6:1: column "usr_id" does not exist
                        Fix: Fix the statement at classpath:histories/broken/0003_add_orders.up.sql:6:1"""))))
                .haveExactly(2, event(test(), abortedWithReason(instanceOf(TestAbortedException.class),
                        message("Not reached: the upgrade failed"))))
                .haveExactly(3, event(test(), abortedWithReason(message("Not reached: an earlier upgrade failed"))))
                .haveExactly(1, event(test(displayName("a full downgrade returns to the base schema")),
                        abortedWithReason(message("Not reached: an upgrade failed, so head was never reached"))));
        results.testEvents().assertStatistics(stats -> stats.started(14).succeeded(5).failed(3).aborted(6));
    }
}
