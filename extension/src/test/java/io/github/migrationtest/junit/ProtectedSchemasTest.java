package io.github.migrationtest.junit;

import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;
import org.opentest4j.AssertionFailedError;

/** {@code @MigrationTest(protect)} and {@code migrationtest.protect}: a test per revision for the check, failing where a revision writes to the protected schema. */
class ProtectedSchemasTest {

    private static final String FAILURE = """
            Revision 0002 (rename customers): the upgrade touches protected schemas (%s)
              legacy.customers: 2 rows written (UPDATE) by the upgrade at \
            classpath:histories/protected/0002_rename_customers.up.sql:3: UPDATE legacy.customers SET name = initcap(name)
            Fix: Leave the protected schemas alone in classpath:histories/protected/0002_rename_customers.up.sql and \
            classpath:histories/protected/0002_rename_customers.down.sql: make the change in the system that owns them, \
            or, when these migrations own the schema, remove it from --protect""";

    @MigrationTest(location = "classpath:histories/protected", initScripts = "classpath:init/legacy.sql", protect = "leg*")
    static class ProtectedTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/protected", initScripts = "classpath:init/legacy.sql")
    static class ByKeyTestCase implements MigrationChecks {
    }

    @MigrationTest(location = "classpath:histories/protected", initScripts = "classpath:init/legacy.sql",
            protect = "\"Legacy\"")
    static class QuotedTestCase implements MigrationChecks {
    }

    @Test
    void a_revision_that_writes_to_a_protected_schema_fails_its_test_naming_the_statement() {
        EngineExecutionResults results = Kit.run(ProtectedTestCase.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("0001: the migrations leave protected schemas alone")),
                        finishedSuccessfully()))
                .haveExactly(1, event(test(displayName("0002: the migrations leave protected schemas alone")),
                        finishedWithFailure(instanceOf(AssertionFailedError.class), message(FAILURE.formatted("leg*")))));
        // The guard is in no snapshot: every other check passes.
        results.testEvents().assertStatistics(stats -> stats.started(10).succeeded(9).failed(1));
    }

    @Test
    void the_key_protects_as_the_attribute_does_and_without_either_the_check_does_not_run() {
        Kit.run(ByKeyTestCase.class, "migrationtest.protect", "legacy").testEvents().assertThatEvents()
                .haveExactly(1, event(test(displayName("0002: the migrations leave protected schemas alone")),
                        finishedWithFailure(message(FAILURE.formatted("legacy")))));
        Kit.run(ByKeyTestCase.class).testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
    }

    @Test
    void a_quoted_name_is_refused_naming_the_attribute_and_what_is_allowed() {
        Kit.run(QuotedTestCase.class).containerEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
                TestExecutionResultConditions.message("Invalid value for @MigrationTest(protect): '\"Legacy\"'. Allowed: schema"
                        + " names or globs as Postgres stores them (legacy, billing_*), comma-separated"))));
    }
}
