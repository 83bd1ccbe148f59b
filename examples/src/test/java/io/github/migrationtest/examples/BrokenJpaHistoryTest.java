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
 * A history that forgot a field: {@code Customer.phone} is in the entity, but no migration adds it.
 * Every revision still round-trips; only the head fails to match the model, and the failure shows
 * the column and the migration that would add it, with its downgrade.
 */
class BrokenJpaHistoryTest {

    @MigrationTest(location = "classpath:db/jpa-flyway-broken", model = "jpa:io.github.migrationtest.examples.jpa",
            constraintNames = MigrationTest.ConstraintNames.BY_DEFINITION)
    static class ForgotAFieldSuite implements MigrationChecks {
    }

    @Test
    void only_the_model_check_fails_listing_the_column_and_the_alter_table_that_adds_it() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ForgotAFieldSuite.class)).execute();

        results.testEvents().assertStatistics(stats -> stats.failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(
                test(displayName("the head schema matches the model")),
                finishedWithFailure(message(m -> m.contains("public.customers.phone: missing column: character varying(32)")
                        && m.contains("\n  ALTER TABLE public.customers ADD COLUMN phone character varying(32);\n")
                        && m.contains("\n  ALTER TABLE public.customers DROP COLUMN phone;")))));
    }
}
