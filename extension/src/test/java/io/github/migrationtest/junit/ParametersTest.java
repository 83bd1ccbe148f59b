package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.Revision;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What a test can ask for, and where the database it gets stands. */
class ParametersTest {

    private static List<String> tables(SchemaSnapshot snapshot) {
        return snapshot.objects(Table.class).stream().map(Table::name).toList();
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class RunnerTestCase {

        @Test
        void starts_at_base_and_moves_one_revision_at_a_time(MigrationRunner runner) {
            assertThat(runner.current()).isEmpty();
            assertThat(runner.revisions()).extracting(Revision::id).containsExactly("0001", "0002", "0003");
            assertThat(tables(runner.snapshot())).isEmpty();

            runner.upgradeOne().upgradeOne();
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0002");
            assertThat(runner.snapshot().lookup("public.users.email")).isPresent();

            runner.downgradeOne();
            assertThat(runner.snapshot().lookup("public.users.email")).isEmpty();
        }

        @Test
        void moves_to_a_revision_by_its_id_or_its_number_and_back(MigrationRunner runner) {
            runner.upgradeTo("3");
            assertThat(runner.current()).get().extracting(Revision::label).isEqualTo("0003 (create orders)");
            assertThat(tables(runner.snapshot())).containsExactly("orders", "users");

            runner.downgradeTo("0001");
            assertThat(tables(runner.snapshot())).containsExactly("users");

            runner.upgradeToHead().downgradeToBase();
            assertThat(runner.current()).isEmpty();
            assertThat(tables(runner.snapshot())).isEmpty();
        }

        @Test
        void refuses_moves_that_make_no_sense_and_says_why(MigrationRunner runner) {
            assertThatThrownBy(() -> runner.upgradeTo("0009")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("No revision 0009 in classpath:histories/passing; its revisions are 0001, 0002, 0003");
            assertThatThrownBy(runner::downgradeOne).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot downgrade: the database is at base, no revision is applied");
            runner.upgradeTo("0002");
            assertThatThrownBy(() -> runner.upgradeTo("0001")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot upgrade to 0001: the database is at revision 0002 (add email), past it; "
                            + "use downgradeTo(\"0001\")");
            assertThatThrownBy(() -> runner.downgradeTo("0003")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot downgrade to 0003: the database is at revision 0002 (add email), before it; "
                            + "use upgradeTo(\"0003\")");
            runner.upgradeToHead();
            assertThatThrownBy(runner::upgradeOne).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot upgrade: the database is at head, revision 0003 (create orders)");
        }

        @Test
        void data_source_connection_and_runner_share_the_test_database(MigrationRunner runner, DataSource dataSource,
                Connection connection) throws SQLException {
            runner.upgradeTo("0001");
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO users (name) VALUES ('Ada')");
            }
            assertThat(Sql.column(dataSource, "SELECT name FROM users")).containsExactly("Ada");
            assertThat(Sql.scalar(dataSource, "SELECT current_database()")).isEqualTo(connection.getCatalog());
        }

        @Test
        void the_report_parameter_is_the_verification_of_the_class(VerificationReport report) {
            assertThat(report.passed()).isTrue();
            assertThat(report.revisions()).hasSize(3);
        }
    }

    @MigrationTest(location = "classpath:histories/data")
    static class DataMigrationTestCase {

        @Test
        void split_names_come_back_whole_after_the_downgrade(MigrationRunner runner, DataSource db) throws SQLException {
            runner.upgradeTo("1");
            Sql.execute(db, "INSERT INTO people (full_name) VALUES ('Ada Lovelace'), ('Plato')");

            runner.upgradeTo("2");
            assertThat(Sql.column(db, "SELECT first_name || '/' || coalesce(last_name, '-') FROM people ORDER BY id"))
                    .containsExactly("Ada/Lovelace", "Plato/-");

            runner.downgradeTo("1");
            assertThat(Sql.column(db, "SELECT full_name FROM people ORDER BY id")).containsExactly("Ada Lovelace", "Plato");
        }
    }

    @MigrationTest(location = "classpath:histories/passing", startAt = "head")
    static class StartAtHeadTestCase {

        @Test
        void a_snapshot_parameter_shows_the_schema_where_the_runner_starts(SchemaSnapshot schema, MigrationRunner runner) {
            assertThat(tables(schema)).containsExactly("orders", "users");
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0003");
        }
    }

    @MigrationTest(location = "classpath:histories/passing", startAt = "0002")
    static class StartAtRevisionTestCase {

        @Test
        void starts_at_the_revision(SchemaSnapshot schema, MigrationRunner runner) {
            assertThat(tables(schema)).containsExactly("users");
            assertThat(schema.lookup("public.users.email")).isPresent();
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0002");
        }
    }

    @MigrationTest(location = "classpath:histories/broken")
    static class FailingStepTestCase {

        @Test
        void a_failing_step_names_the_file_line_and_column_and_the_runner_stays_put(MigrationRunner runner) {
            assertThatThrownBy(() -> runner.upgradeTo("0003")).isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("upgrade of revision 0003 (add orders) failed at "
                            + "classpath:histories/broken/0003_add_orders.up.sql:6:1: column \"usr_id\" does not exist");
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0002");
        }
    }

    /** Each method gets a fresh database: the second does not see what the first did. */
    @MigrationTest(location = "classpath:histories/passing")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerMethodTestCase {

        @Test
        @Order(1)
        void first(MigrationRunner runner) {
            runner.upgradeToHead();
        }

        @Test
        @Order(2)
        void second(MigrationRunner runner, SchemaSnapshot schema) {
            assertThat(runner.current()).isEmpty();
            assertThat(tables(schema)).isEmpty();
        }
    }

    /** The class shares one database: the second method finds it where the first left it. */
    @MigrationTest(location = "classpath:histories/passing", database = MigrationTest.Database.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassTestCase {

        @Test
        @Order(1)
        void first(MigrationRunner runner) {
            runner.upgradeTo("0002");
        }

        @Test
        @Order(2)
        void second(MigrationRunner runner, SchemaSnapshot schema) {
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0002");
            assertThat(tables(schema)).containsExactly("users");
        }
    }

    /** A @Nested class with an annotation of its own tests its own history; one without shares its enclosing class's. */
    @MigrationTest(location = "classpath:histories/passing", startAt = "head")
    static class EnclosingTestCase {

        @Test
        void outer(MigrationRunner runner) {
            assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0003");
        }

        @Nested
        @MigrationTest(location = "classpath:histories/data", startAt = "head")
        class OwnHistory {
            @Test
            void inner(MigrationRunner runner, VerificationReport report) {
                assertThat(runner.current()).get().extracting(Revision::label).isEqualTo("0002 (split names)");
                assertThat(report.revisions()).hasSize(2);
            }
        }

        @Nested
        class SameHistory {
            @Test
            void inner(MigrationRunner runner) {
                assertThat(runner.current()).get().extracting(Revision::id).isEqualTo("0003");
            }
        }
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class ConnectionTestCase {
        static Connection seen;

        @Test
        void test(Connection connection) throws SQLException {
            seen = connection;
            assertThat(connection.isClosed()).isFalse();
        }
    }

    @MigrationTest(location = "classpath:histories/passing")
    static class UnsupportedTestCase {
        @Test
        void statement(Statement statement) {
        }

        @Test
        void text(String text) {
        }
    }

    @Test
    void a_runner_moves_the_test_database_through_the_history() {
        Kit.assertAllPassed(Kit.run(RunnerTestCase.class), 5);
    }

    @Test
    void a_data_migration_test_inserts_old_rows_upgrades_and_downgrades() {
        Kit.assertAllPassed(Kit.run(DataMigrationTestCase.class), 1);
    }

    @Test
    void the_database_starts_at_base_head_or_a_revision() {
        Kit.assertAllPassed(Kit.run(StartAtHeadTestCase.class), 1);
        Kit.assertAllPassed(Kit.run(StartAtRevisionTestCase.class), 1);
    }

    @Test
    void a_failing_migration_step_reaches_the_test_as_a_migration_failure() {
        Kit.assertAllPassed(Kit.run(FailingStepTestCase.class), 1);
    }

    @Test
    void each_method_gets_its_own_database_unless_the_class_shares_one() {
        Kit.assertAllPassed(Kit.run(PerMethodTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(PerClassTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(PerClassTestCase.class, MigrationTest.DATABASE_PROPERTY_NAME, "per_method"), 2);
    }

    @Test
    void the_database_mode_can_be_set_by_configuration() {
        var results = Kit.run(PerMethodTestCase.class, MigrationTest.DATABASE_PROPERTY_NAME, "per_class");

        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        // The second method fails because it finds the database at head, where the first one left it.
        results.testEvents().assertThatEvents().haveExactly(1, event(test("second"),
                finishedWithFailure(message(m -> m.contains("0003")))));
    }

    @Test
    void a_nested_class_uses_its_own_annotation_or_else_its_enclosing_class() {
        Kit.assertAllPassed(Kit.run(EnclosingTestCase.class), 3);
    }

    @Test
    void a_connection_parameter_is_closed_after_the_test() throws SQLException {
        Kit.assertAllPassed(Kit.run(ConnectionTestCase.class), 1);

        assertThat(ConnectionTestCase.seen.isClosed()).isTrue();
    }

    @Test
    void an_unsupported_parameter_type_is_named_with_what_is_supported() {
        var results = Kit.run(UnsupportedTestCase.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("statement"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message("Can only resolve @MigrationTest parameters of type javax.sql.DataSource, "
                                + "java.sql.Connection, io.github.migrationtest.verifier.snapshot.SchemaSnapshot, "
                                + "io.github.migrationtest.junit.MigrationRunner, "
                                + "io.github.migrationtest.verifier.report.VerificationReport but was: java.sql.Statement"))))
                .haveExactly(1, event(test("text"), finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message(m -> m.startsWith("No ParameterResolver registered for parameter [java.lang.String")))));
    }
}
