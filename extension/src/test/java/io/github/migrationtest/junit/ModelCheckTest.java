package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.report.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** HEAD_MATCHES_MODEL in MigrationChecks: configured by attribute or key, update mode by key or system property. */
class ModelCheckTest {

    private static final String PASSING = "classpath:histories/passing";
    private static final String MATCHES = "the head schema matches the model";
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    private static final Path MISSING_COLUMN = PROJECT.resolve("target/models/missing-column.sql");

    @MigrationTest(location = PASSING, model = "sql:classpath:models/passing.sql")
    static class SqlModelTestCase implements MigrationChecks {
    }

    /** A model given by a path relative to the project directory, which {@link #writeMissingColumnModel} writes. */
    @MigrationTest(location = PASSING, model = "sql:target/models/missing-column.sql")
    static class MissingColumnTestCase implements MigrationChecks {
    }

    @MigrationTest(location = PASSING, model = "sql:classpath:models/passing.sql", checks = Check.UPGRADES_APPLY)
    static class ChosenChecksTestCase implements MigrationChecks {
    }

    @MigrationTest(location = PASSING, model = "yaml:schema.yaml")
    static class BadSpecTestCase implements MigrationChecks {
    }

    @MigrationTest(location = PASSING, model = "jpa:com.example.shop")
    static class JpaTestCase implements MigrationChecks {
    }

    /** The model comes from the migrationtest.model key, which each test sets. */
    @MigrationTest(location = PASSING)
    static class KeyConfiguredTestCase implements MigrationChecks {
    }

    @TempDir
    Path dir;

    /** The schema of histories/passing (models/passing.sql) with a column no migration adds: users.nickname. */
    @BeforeAll
    static void writeMissingColumnModel() throws Exception {
        Path passing = Path.of(ModelCheckTest.class.getResource("/models/passing.sql").toURI());
        Files.createDirectories(MISSING_COLUMN.getParent());
        Files.writeString(MISSING_COLUMN, Files.readString(passing) + "ALTER TABLE users ADD COLUMN nickname text;\n");
    }

    private static Condition<Event> named(String prefix) {
        return new Condition<>(e -> e.getTestDescriptor().getDisplayName().startsWith(prefix), "named " + prefix + "...");
    }

    @Test
    void a_reference_schema_equal_to_head_is_one_more_passing_history_test() {
        EngineExecutionResults results = Kit.run(SqlModelTestCase.class);

        Kit.assertAllPassed(results, 12);
        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(MATCHES)), finishedSuccessfully()));
    }

    @Test
    void a_column_no_migration_adds_fails_the_test_listing_it_by_path() {
        EngineExecutionResults results = Kit.run(MissingColumnTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(MATCHES)),
                finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.startsWith(
                        "History: the head schema does not match reference SQL file " + MISSING_COLUMN + "\n"
                                + "  public.users.nickname: missing column: text\n")))));
        results.testEvents().assertStatistics(stats -> stats.started(12).succeeded(11).failed(1));
    }

    @Test
    void a_column_no_migration_adds_is_shown_with_the_alter_table_that_adds_it() {
        EngineExecutionResults results = Kit.run(MissingColumnTestCase.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(MATCHES)), finishedWithFailure(
                message(m -> m.contains("Upgrade that closes the gap:")
                        && m.contains("\n  ALTER TABLE public.users ADD COLUMN nickname text;\nIts downgrade:")
                        && m.contains("\n  ALTER TABLE public.users DROP COLUMN nickname;")))));
    }

    @Test
    void chosen_checks_leave_the_model_check_out() {
        EngineExecutionResults results = Kit.run(ChosenChecksTestCase.class);

        Kit.assertAllPassed(results, 3);
    }

    @Test
    void a_bad_model_spec_fails_the_class_listing_the_forms() {
        EngineExecutionResults results = Kit.run(BadSpecTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message("Invalid value for @MigrationTest(model):"
                        + " 'yaml:schema.yaml'. Allowed: snapshot:<file> (a snapshot, as migrationtest snapshot writes it),"
                        + " sql:<file> (a reference schema.sql), jpa:<package-or-persistence-unit> (JPA entities,"
                        + " through Hibernate), alembic (the target_metadata of the Alembic project's env.py),"
                        + " sqlalchemy:<module>:<attribute> (SQLAlchemy MetaData or a declarative base)"))));
    }

    @Test
    void a_jpa_model_without_hibernate_fails_the_class_saying_what_to_add() {
        Assumptions.assumeTrue(getClass().getClassLoader().getResource("org/hibernate/SessionFactory.class") == null,
                "Hibernate is on this test class path");

        EngineExecutionResults results = Kit.run(JpaTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(
                instanceOf(ExtensionConfigurationException.class), message(m -> m.startsWith(
                        "@MigrationTest(model) 'jpa:com.example.shop': jpa:com.example.shop needs Hibernate ORM")
                        && m.endsWith("Fix: add org.hibernate.orm:hibernate-core to the class path (with the JUnit"
                        + " extension: a test-scoped dependency)")))));
    }

    @Test
    void a_missing_snapshot_file_fails_the_test_saying_how_to_create_it() {
        Path snapshot = dir.resolve("schema.snapshot");

        EngineExecutionResults results = Kit.run(KeyConfiguredTestCase.class, MigrationTest.MODEL_PROPERTY_NAME,
                "snapshot:" + snapshot);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(MATCHES)), finishedWithFailure(
                message("History: the model could not be read: snapshot file " + snapshot + "\n  " + snapshot
                        + ": does not exist\nFix: Create it with the head schema: run the tests with"
                        + " -Dmigrationtest.snapshot.update=true"))));
    }

    @Test
    void update_mode_by_key_writes_the_snapshot_and_says_so_in_the_test_name_then_the_file_passes() {
        Path snapshot = dir.resolve("models/schema.snapshot");
        String model = "snapshot:" + snapshot;

        EngineExecutionResults updating = Kit.run(KeyConfiguredTestCase.class, MigrationTest.MODEL_PROPERTY_NAME, model,
                MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME, "true");
        EngineExecutionResults checking = Kit.run(KeyConfiguredTestCase.class, MigrationTest.MODEL_PROPERTY_NAME, model);

        Kit.assertAllPassed(updating, 12);
        updating.testEvents().assertThatEvents().haveExactly(1, event(test(), named(
                MATCHES + " (created " + snapshot + " with the head schema ("), finishedSuccessfully()));
        assertThat(snapshot).content().contains("table public.users", "column public.users.email");
        Kit.assertAllPassed(checking, 12);
        checking.testEvents().assertThatEvents().haveExactly(1, event(test(displayName(MATCHES)), finishedSuccessfully()));
    }

    @Test
    void update_mode_by_system_property_rewrites_a_broken_snapshot() throws Exception {
        Path snapshot = Files.writeString(dir.resolve("schema.snapshot"), "<<<<<<< HEAD\n");
        System.setProperty(MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME, "true");
        EngineExecutionResults results;
        try {
            results = Kit.runWithSystemProperties(KeyConfiguredTestCase.class, MigrationTest.MODEL_PROPERTY_NAME,
                    "snapshot:" + snapshot);
        } finally {
            System.clearProperty(MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME);
        }

        Kit.assertAllPassed(results, 12);
        results.testEvents().assertThatEvents().haveExactly(1, event(test(), named(
                MATCHES + " (rewrote " + snapshot + " with the head schema; it could not be read ("), finishedSuccessfully()));
        assertThat(snapshot).content().startsWith("# migrationtest schema snapshot 1\n");
    }

    @Test
    void a_bad_update_mode_value_fails_the_class_naming_the_key() {
        EngineExecutionResults results = Kit.run(KeyConfiguredTestCase.class, MigrationTest.MODEL_PROPERTY_NAME,
                "snapshot:" + dir.resolve("schema.snapshot"), MigrationTest.SNAPSHOT_UPDATE_PROPERTY_NAME, "yes");

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(
                message("Invalid value for migrationtest.snapshot.update: 'yes'. Allowed: true, false"))));
    }

    @Test
    void a_class_path_snapshot_is_read_from_the_class_path_and_written_to_its_source() {
        ProjectPaths paths = new ProjectPaths(dir, getClass().getClassLoader());

        ModelFile found = paths.modelFile("classpath:models/passing.sql");
        ModelFile missing = paths.modelFile("classpath:/models/head.snapshot");
        ModelFile relative = paths.modelFile("src/test/resources/schema.snapshot");

        assertThat(found.name()).isEqualTo("classpath:models/passing.sql");
        assertThat(found.path()).isRegularFile().hasFileName("passing.sql");
        assertThat(found.writeTo()).isEqualTo(dir.resolve("src/test/resources/models/passing.sql"));
        assertThat(missing.path()).isEqualTo(dir.resolve("src/test/resources/models/head.snapshot"));
        assertThat(missing.writesElsewhere()).isFalse();
        assertThat(relative).isEqualTo(ModelFile.at(dir.resolve("src/test/resources/schema.snapshot").toString()));
    }
}
