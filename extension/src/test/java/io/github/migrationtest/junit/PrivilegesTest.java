package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.migrationtest.verifier.source.MigrationFailedException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The extension's steps run as a role without superuser, unless the annotation asks for more. */
class PrivilegesTest {

    @MigrationTest(location = "classpath:histories/privileged")
    static class DefaultTestCase {
        @Test
        void a_step_that_needs_a_superuser_is_refused_naming_the_attribute(MigrationRunner runner) {
            assertThatThrownBy(runner::upgradeOne).isInstanceOf(MigrationFailedException.class)
                    .hasMessageContaining("permission denied to set parameter")
                    .hasMessageContaining("@MigrationTest(superuserMigrations = true)");
        }
    }

    @MigrationTest(location = "classpath:histories/privileged", superuserMigrations = true)
    static class SuperuserTestCase {
        @Test
        void the_same_step_runs_with_the_attribute(MigrationRunner runner, DataSource dataSource) throws SQLException {
            runner.upgradeOne();
            try {
                assertThat(Sql.column(dataSource, "SELECT setting FROM pg_file_settings WHERE name = 'work_mem'"))
                        .containsExactly("77MB");
            } finally {
                runner.downgradeOne();
            }
        }
    }

    @MigrationTest(location = "classpath:histories/privileged", superuserMigrations = true, migrationsAs = "app")
    static class BothTestCase {
        @Test
        void never_runs() {
        }
    }

    @Test
    void by_default_a_step_runs_without_superuser() {
        Kit.assertAllPassed(Kit.run(DefaultTestCase.class), 1);
    }

    @Test
    void superuser_migrations_runs_it_as_the_servers_user() {
        Kit.assertAllPassed(Kit.run(SuperuserTestCase.class), 1);
    }

    @Test
    void asking_for_both_logins_is_a_configuration_error() {
        Kit.run(BothTestCase.class).containerEvents().assertThatEvents().haveExactly(1, event(container(),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
                        "@MigrationTest(superuserMigrations = true) and @MigrationTest(migrationsAs = \"app\") are both set:"
                                + " the migrations run as one login. Remove one of them"))));
    }
}
