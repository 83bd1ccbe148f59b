package io.github.migrationtest.junit;

import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code ignore}, {@code columnOrder}, the incremental-snapshot and jobs keys on a history whose revision 2
 * downgrade puts a column back last and leaves a table comment behind.
 */
class ComparisonSettingsTest {

    private static final String DOWNGRADE = "0002: the downgrade restores the schema";

    @MigrationTest(location = "classpath:histories/lenient")
    static class DefaultsTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/lenient", ignore = "public.notes#comment")
    static class IgnoredCommentTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/lenient", ignore = "public.notes#comment",
            columnOrder = MigrationTest.ColumnOrder.STRICT)
    static class StrictOrderTestCase implements MigrationChecks {
    }

    @Test
    void by_default_the_leftover_comment_fails_and_the_moved_column_is_only_reported() {
        EngineExecutionResults results = Kit.run(DefaultsTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(DOWNGRADE)),
                finishedWithFailure(message(m -> m.contains("public.notes: comment (none) -> restored")
                        && m.contains("Also changed, not failing") && m.contains("column order")))));
    }

    @Test
    void an_ignored_property_no_longer_fails() {
        Kit.assertAllPassed(Kit.run(IgnoredCommentTestCase.class), 8);
    }

    @Test
    void strict_column_order_fails_the_moved_column() {
        EngineExecutionResults results = Kit.run(StrictOrderTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(DOWNGRADE)),
                finishedWithFailure(message(m -> m.contains("column order") && !m.contains("comment")))));
    }

    @Test
    void the_key_can_leave_column_order_out_entirely_and_takes_dashes_and_any_case() {
        EngineExecutionResults results = Kit.run(DefaultsTestCase.class, MigrationTest.COLUMN_ORDER_PROPERTY_NAME, "Ignore");

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(DOWNGRADE)),
                finishedWithFailure(message(m -> m.contains("public.notes: comment (none) -> restored")
                        && !m.contains("column order")))));
        Kit.assertAllPassed(Kit.run(DefaultsTestCase.class, MigrationTest.IGNORE_PROPERTY_NAME, "public.notes#comment",
                MigrationTest.CONSTRAINT_NAMES_PROPERTY_NAME, "by-definition"), 8);
    }

    @Test
    void the_key_can_ignore_too_and_whole_snapshots_give_the_same_verdicts() {
        Kit.assertAllPassed(Kit.run(DefaultsTestCase.class, MigrationTest.IGNORE_PROPERTY_NAME, "public.notes#comment",
                MigrationTest.INCREMENTAL_SNAPSHOTS_PROPERTY_NAME, "false"), 8);
        EngineExecutionResults whole = Kit.run(DefaultsTestCase.class,
                MigrationTest.INCREMENTAL_SNAPSHOTS_PROPERTY_NAME, "false");
        whole.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(DOWNGRADE)),
                finishedWithFailure(message(m -> m.contains("public.notes: comment (none) -> restored")))));
    }

    @Test
    void the_jobs_key_walks_each_revision_on_a_database_of_its_own_with_the_same_verdicts() {
        EngineExecutionResults parted = Kit.run(DefaultsTestCase.class, MigrationTest.JOBS_PROPERTY_NAME, "2");
        parted.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(DOWNGRADE)),
                finishedWithFailure(message(m -> m.contains("public.notes: comment (none) -> restored")
                        && m.contains("column order")))));
        Kit.assertAllPassed(Kit.run(IgnoredCommentTestCase.class, MigrationTest.JOBS_PROPERTY_NAME, "2"), 8);

        EngineExecutionResults bad = Kit.run(DefaultsTestCase.class, MigrationTest.JOBS_PROPERTY_NAME, "0");
        bad.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(
                message("Invalid value for migrationtest.jobs: '0'. Allowed: a whole number, 1 or more"
                        + " (leave it out to have one per processor)"))));
    }
}
