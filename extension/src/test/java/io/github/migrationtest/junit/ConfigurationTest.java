package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Bad values are rejected before any test runs, naming where they came from, the value and what is allowed. */
class ConfigurationTest {

    private static final String PASSING = "classpath:histories/passing";

    @MigrationTest(location = PASSING, backend = "docker")
    static class BadBackendTestCase {
        @Test
        void test(MigrationRunner runner) {
        }
    }

    @MigrationTest(location = PASSING)
    static class DefaultsTestCase {
        @Test
        void test(MigrationRunner runner) {
        }
    }

    @MigrationTest(location = PASSING, postgres = 9)
    static class OldPostgresTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = PASSING, irreversible = "0002")
    static class IrreversibleWithoutReasonTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = "classpath:histories/nowhere")
    static class MissingLocationTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = "src/test/resources/histories/nowhere")
    static class MissingDirectoryTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = PASSING, startAt = "0009")
    static class UnknownStartTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = PASSING, initScripts = "classpath:init/missing.sql")
    static class MissingInitScriptTestCase {
        @Test
        void test() {
        }
    }

    @MigrationTest(location = PASSING, initScripts = "classpath:init/broken.sql")
    static class BrokenInitScriptTestCase {
        @Test
        void test(MigrationRunner runner) {
        }
    }

    /** A lock held by another session makes the upgrade fail after the lock timeout instead of waiting. */
    @MigrationTest(location = PASSING, lockTimeout = "200ms")
    static class LockTimeoutTestCase {
        @Test
        void test(MigrationRunner runner, DataSource db) throws SQLException {
            runner.upgradeTo("0001");
            try (Connection holder = db.getConnection(); Statement statement = holder.createStatement()) {
                holder.setAutoCommit(false);
                statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                assertThatThrownBy(() -> runner.upgradeTo("0002")).isInstanceOf(MigrationFailedException.class)
                        .hasMessageContaining("lock timeout");
                holder.rollback();
            }
        }
    }

    /** Configured by properties alone: no annotation, the location comes from migrationtest.location. */
    static class PropertiesOnlyTestCase implements MigrationChecks {
    }

    /** A relative filesystem path is resolved against the project directory, not the working directory. */
    @MigrationTest(location = "src/test/resources/histories/passing", checks = Check.UPGRADES_APPLY,
            initScripts = "src/test/resources/init/environment.sql", schemas = "public")
    static class FilesystemTestCase {
        static VerificationReport report;

        @Test
        void test(VerificationReport report, Connection connection) throws SQLException {
            FilesystemTestCase.report = report;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'audit'")) {
                row.next();
                assertThat(row.getInt(1)).as("the init script ran").isEqualTo(1);
            }
        }
    }

    @Test
    void a_bad_attribute_names_the_attribute_the_value_and_what_is_allowed() {
        assertClassFails(Kit.run(BadBackendTestCase.class),
                "Invalid value for @MigrationTest(backend): 'docker'. Allowed: auto, server, testcontainers, embedded");
        assertClassFails(Kit.run(OldPostgresTestCase.class),
                "Invalid value for @MigrationTest(postgres): '9'. Allowed: a Postgres major version, 14 or newer");
        assertClassFails(Kit.run(IrreversibleWithoutReasonTestCase.class),
                "Invalid value for @MigrationTest(irreversible): '0002'. Allowed: entries of the form id=reason, "
                        + "e.g. 3=drops the legacy orders table");
    }

    @Test
    void a_bad_configuration_parameter_names_the_key() {
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.DATABASE_PROPERTY_NAME, "per_suite"),
                "Invalid value for migrationtest.database: 'per_suite'. Allowed: per_method, per_class");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.CHECKS_PROPERTY_NAME, "UPGRADES_APPLY, everything"),
                "Invalid value for migrationtest.checks: 'UPGRADES_APPLY, everything'. Allowed: HISTORY_IS_LINEAR, "
                        + "UPGRADES_APPLY, DOWNGRADE_RESTORES_SCHEMA, REUPGRADE_REPRODUCES_SCHEMA, FULL_DOWNGRADE_TO_BASE, "
                        + "HEAD_MATCHES_MODEL, PROTECTED_SCHEMAS_UNTOUCHED, SAFETY_FINDINGS_ACCEPTED");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.POSTGRES_VERSION_PROPERTY_NAME, "latest"),
                "Invalid value for migrationtest.postgres.version: 'latest'. Allowed: a Postgres major version such as 16 or 17");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.TYPE_PROPERTY_NAME, "xml"),
                "Invalid value for migrationtest.type: 'xml'. Allowed: auto, sql, flyway, liquibase");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.LOCK_TIMEOUT_PROPERTY_NAME, "soon"),
                "Invalid value for migrationtest.lockTimeout: 'soon'. Allowed: a duration such as 500ms, 5s, 2m or PT5S");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.COLUMN_ORDER_PROPERTY_NAME, "sideways"),
                "Invalid value for migrationtest.columnOrder: 'sideways'. Allowed: report, strict, ignore");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.CONSTRAINT_NAMES_PROPERTY_NAME, "by-guess"),
                "Invalid value for migrationtest.constraintNames: 'by-guess'. Allowed: exact, by_definition");
        assertClassFails(Kit.run(DefaultsTestCase.class, MigrationTest.BACKEND_PROPERTY_NAME, "docker"),
                "Invalid value for migrationtest.postgres.backend: 'docker'. Allowed: auto, server, testcontainers, embedded");
    }

    @Test
    void a_server_url_that_cannot_be_reached_fails_the_run_with_the_url_and_is_not_replaced() {
        String url = "jdbc:postgresql://127.0.0.1:1/postgres?connectTimeout=2";

        EngineExecutionResults results = Kit.run(DefaultsTestCase.class, PostgresSettings.URL, url);

        results.testEvents().assertStatistics(stats -> stats.succeeded(0));
        assertThat(results.allEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage()))
                .isNotEmpty()
                .allSatisfy(failure -> assertThat(failure).contains("  - server: could not connect to " + url,
                        "is never replaced by another backend"));
    }

    @Test
    void an_attribute_wins_over_a_bad_configuration_parameter_for_the_same_setting() {
        Kit.assertAllPassed(Kit.run(DefaultsTestCase.class, MigrationTest.LOCATION_PROPERTY_NAME, "classpath:nowhere"), 1);
    }

    @Test
    void a_location_that_does_not_exist_fails_the_class_before_its_tests() {
        assertClassFails(Kit.run(MissingLocationTestCase.class), "No migration history at classpath:histories/nowhere: "
                + "not found on the test class path. Set @MigrationTest(location) or migrationtest.location");
        assertClassFails(Kit.run(MissingDirectoryTestCase.class), "No migration history at "
                + projectDirectory().resolve("src/test/resources/histories/nowhere") + ": no such file or directory. "
                + "Set @MigrationTest(location) or migrationtest.location");
    }

    @Test
    void a_start_that_is_not_a_revision_lists_the_revisions() {
        assertClassFails(Kit.run(UnknownStartTestCase.class), "Invalid value for @MigrationTest(startAt): '0009'. "
                + "Allowed: base, head or a revision of classpath:histories/passing: 0001, 0002, 0003");
    }

    @Test
    void init_scripts_must_exist_and_a_failing_one_is_reported_with_its_line() {
        assertClassFails(Kit.run(MissingInitScriptTestCase.class), "Invalid value for @MigrationTest(initScripts): "
                + "'classpath:init/missing.sql'. Allowed: files that exist, as classpath: resources or paths relative to "
                + projectDirectory() + "; not found: classpath:init/missing.sql");

        EngineExecutionResults results = Kit.run(BrokenInitScriptTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                "upgrade of revision init (init scripts) failed at ") && m.contains("init/broken.sql:2:")
                && m.contains("schema \"audit\" already exists")))));
    }

    @Test
    void a_lock_timeout_makes_a_blocked_migration_fail_instead_of_hang() {
        Kit.assertAllPassed(Kit.run(LockTimeoutTestCase.class), 1);
    }

    @Test
    void configuration_parameters_alone_configure_a_class_without_the_annotation() {
        EngineExecutionResults results = Kit.run(PropertiesOnlyTestCase.class,
                MigrationTest.LOCATION_PROPERTY_NAME, PASSING, MigrationTest.CHECKS_PROPERTY_NAME, "UPGRADES_APPLY");

        Kit.assertAllPassed(results, 3);
    }

    @Test
    void filesystem_locations_and_init_scripts_are_relative_to_the_project_directory() {
        Kit.assertAllPassed(Kit.run(FilesystemTestCase.class), 1);

        assertThat(FilesystemTestCase.report.source())
                .isEqualTo("sql history at " + projectDirectory().resolve("src/test/resources/histories/passing"));
        assertThat(FilesystemTestCase.report.results()).extracting(r -> r.check()).containsOnly(Check.UPGRADES_APPLY);
    }

    private static Path projectDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    private static void assertClassFails(EngineExecutionResults results, String expectedMessage) {
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(expectedMessage))));
        results.testEvents().assertStatistics(stats -> stats.started(0));
    }
}
