package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Every database a run creates is dropped when its test or class is done; a failed one is kept only when asked. */
class CleanupTest {

    /** The extension's server: the same settings (system properties and environment) give the same shared server. */
    private static final PostgresServer SERVER = PostgresServer.shared();

    @MigrationTest(location = "classpath:histories/passing", startAt = "head")
    static class PerMethodTestCase implements MigrationChecks {
        static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

        @Test
        void passes(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
        }

        @Test
        void fails(MigrationRunner runner, DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
            runner.downgradeToBase();
            fail("on purpose");
        }
    }

    @MigrationTest(location = "classpath:histories/passing", database = MigrationTest.Database.PER_CLASS)
    static class PerClassTestCase {
        static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

        @Test
        void first(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
        }

        @Test
        void second(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
        }
    }

    /** Starts at a revision, so a template that was not reused would cost the upgrades to it once per test. */
    @MigrationTest(location = "classpath:histories/passing", startAt = "0002")
    static class TemplateTestCase {
        static final List<Set<String>> OPEN = new CopyOnWriteArrayList<>();

        @RepeatedTest(3)
        void test(DataSource db) {
            OPEN.add(SERVER.openDatabases());
        }
    }

    @Test
    void the_tests_of_a_class_are_cloned_from_one_template_made_once() {
        TemplateTestCase.OPEN.clear();
        Set<String> before = SERVER.openDatabases();

        Kit.assertAllPassed(Kit.run(TemplateTestCase.class), 3);

        List<Set<String>> made = TemplateTestCase.OPEN.stream().map(open -> difference(open, before)).toList();
        assertThat(made).as("the class's template and the test's own database, during each test").hasSize(3)
                .allSatisfy(open -> assertThat(open).hasSize(2));
        Set<String> common = new HashSet<>(made.get(0));
        made.forEach(common::retainAll);
        assertThat(common).as("the template every test's database was cloned from").hasSize(1);
        assertThat(SERVER.openDatabases()).isEqualTo(before);
    }

    @Test
    void databases_of_methods_templates_and_the_verification_are_dropped_also_after_a_failure() throws SQLException {
        Set<String> before = SERVER.openDatabases();

        EngineExecutionResults results = Kit.run(PerMethodTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(12).failed(1));
        assertThat(PerMethodTestCase.DATABASES).hasSize(2);
        assertThat(existing(PerMethodTestCase.DATABASES)).isEmpty();
        assertThat(SERVER.openDatabases()).isEqualTo(before);
        assertThat(keptReports(results)).isEmpty();
    }

    @Test
    void a_class_database_is_shared_by_its_methods_and_dropped_after_the_class() throws SQLException {
        Set<String> before = SERVER.openDatabases();

        Kit.assertAllPassed(Kit.run(PerClassTestCase.class), 2);

        assertThat(PerClassTestCase.DATABASES).hasSize(1);
        assertThat(existing(PerClassTestCase.DATABASES)).isEmpty();
        assertThat(SERVER.openDatabases()).isEqualTo(before);
    }

    /** A shared database that fails two of its tests is kept once, and the report says so once. */
    @MigrationTest(location = "classpath:histories/passing", database = MigrationTest.Database.PER_CLASS)
    static class PerClassFailuresTestCase {
        static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

        @RepeatedTest(2)
        void fails(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
            fail("on purpose");
        }
    }

    /** Its tests pass; what fails is an {@code @AfterAll} method, which no test's callback hears of. */
    @MigrationTest(location = "classpath:histories/passing", database = MigrationTest.Database.PER_CLASS)
    static class FailingAfterAllTestCase {
        static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

        @Test
        void passes(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
        }

        @AfterAll
        static void fails(DataSource db) throws SQLException {
            DATABASES.add(Sql.scalar(db, "SELECT current_database()"));
            fail("on purpose");
        }
    }

    @Test
    void a_failed_test_database_is_kept_when_asked_and_the_report_says_how_to_connect() throws SQLException {
        PerMethodTestCase.DATABASES.clear();
        runKeepingFailed(PerMethodTestCase.class, (results, kept) -> {
            assertThat(kept).hasSize(1);
            String name = kept.get(0);
            assertThat(PerMethodTestCase.DATABASES).hasSize(2).contains(name);
            assertThat(existing(PerMethodTestCase.DATABASES)).containsExactly(name);
        });
    }

    @Test
    void a_class_database_is_kept_once_however_many_of_its_tests_fail() throws SQLException {
        PerClassFailuresTestCase.DATABASES.clear();
        runKeepingFailed(PerClassFailuresTestCase.class, (results, kept) -> {
            results.testEvents().assertStatistics(stats -> stats.failed(2));
            assertThat(kept).containsExactlyElementsOf(PerClassFailuresTestCase.DATABASES);
            assertThat(existing(PerClassFailuresTestCase.DATABASES)).containsExactlyElementsOf(kept);
        });
    }

    @Test
    void a_class_database_is_kept_when_an_after_all_method_fails() throws SQLException {
        FailingAfterAllTestCase.DATABASES.clear();
        runKeepingFailed(FailingAfterAllTestCase.class, (results, kept) -> {
            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            assertThat(kept).containsExactlyElementsOf(FailingAfterAllTestCase.DATABASES);
            assertThat(existing(FailingAfterAllTestCase.DATABASES)).containsExactlyElementsOf(kept);
        });
    }

    private interface KeptCheck {
        void check(EngineExecutionResults results, List<String> kept) throws SQLException;
    }

    /**
     * Runs the class keeping failed databases, and lets {@code check} see the names the reports give
     * while those databases still exist. Kept databases outlive the run, and so does the server they
     * are on: so that this leaves nothing behind, the run uses the shared server as an existing server
     * ({@code backend=server}) and every kept database is dropped here, whatever the check found.
     */
    private static void runKeepingFailed(Class<?> testCase, KeptCheck check) throws SQLException {
        try (DisposableDatabase host = SERVER.createDatabase()) {
            List<String> parameters = new ArrayList<>(List.of(MigrationTest.KEEP_FAILED_PROPERTY_NAME, "true",
                    MigrationTest.BACKEND_PROPERTY_NAME, "server", PostgresSettings.URL, host.jdbcUrl()));
            if (host.user() != null) {
                parameters.addAll(List.of(PostgresSettings.USER, host.user()));
            }
            if (host.password() != null) {
                parameters.addAll(List.of(PostgresSettings.PASSWORD, host.password()));
            }

            Kit.Run run = Kit.runCapturingStandardError(testCase, parameters.toArray(String[]::new));
            EngineExecutionResults results = run.results();

            List<String> kept = keptReports(results).stream()
                    .map(report -> report.replaceFirst("^Kept (\\S+) for inspection\\. Connect with: psql '.*'$", "$1"))
                    .toList();
            try {
                // The build's output shows the line too, where a user running tests would look.
                kept.forEach(name -> assertThat(run.standardError()).contains("Kept " + name + " for inspection"));
                check.check(results, kept);
            } finally {
                for (String name : kept) {
                    Sql.execute(host.dataSource(), "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
                    // The run kept its role with the database; a user who drops the database drops it too.
                    Sql.execute(host.dataSource(), "DROP ROLE IF EXISTS \"" + name.substring(0, name.lastIndexOf('_')) + "\"");
                }
            }
        }
    }

    private static List<String> keptReports(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(pairs -> pairs.containsKey(TestDatabase.KEPT_REPORT_KEY))
                .map(pairs -> pairs.get(TestDatabase.KEPT_REPORT_KEY)).toList();
    }

    private static Set<String> difference(Set<String> all, Set<String> without) {
        Set<String> left = new HashSet<>(all);
        left.removeAll(without);
        return left;
    }

    /** Which of these databases the server still has. */
    private static List<String> existing(Set<String> names) throws SQLException {
        try (DisposableDatabase probe = SERVER.createDatabase()) {
            return Sql.column(probe.dataSource(), "SELECT datname FROM pg_database").stream().filter(names::contains)
                    .toList();
        }
    }
}
