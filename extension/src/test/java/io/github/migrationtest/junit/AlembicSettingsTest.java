package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Alembic's {@code --name} and {@code -x} reach the project from the annotation and from the keys: an ini of two
 * named environments whose env.py and revisions need {@code -x prefix=...}.
 */
@EnabledIf(value = "io.github.migrationtest.junit.AlembicSettingsTest#hasAlembic",
        disabledReason = "the configured Python (migrationtest.alembic.python, default python3) has no Alembic and psycopg2")
class AlembicSettingsTest {

    private static final String HISTORY = "src/test/resources/histories/alembic-named";
    static volatile List<String> seen;
    static volatile List<String> tables;

    @MigrationTest(location = HISTORY, alembicName = "static", alembicX = "prefix=cms_")
    static class AnnotatedTestCase {
        @Test
        void test(MigrationRunner runner) {
            record(runner);
        }
    }

    @MigrationTest(location = HISTORY)
    static class ConfiguredTestCase {
        @Test
        void test(MigrationRunner runner) {
            record(runner);
        }
    }

    private static void record(MigrationRunner runner) {
        seen = runner.revisions().stream().map(Revision::id).toList();
        tables = runner.upgradeToHead().snapshot().objects(io.github.migrationtest.verifier.snapshot.Table.class).stream()
                .map(table -> table.name()).toList();
    }

    static boolean hasAlembic() {
        String python = Optional.ofNullable(System.getProperty(MigrationTest.ALEMBIC_PYTHON_PROPERTY_NAME))
                .or(() -> Optional.ofNullable(System.getenv("MIGRATIONTEST_ALEMBIC_PYTHON")))
                .filter(value -> !value.isBlank()).orElse("python3");
        try {
            Process process = new ProcessBuilder(python, "-c", "import alembic, psycopg2").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void the_annotation_names_the_section_and_the_x_values() {
        Kit.assertAllPassed(Kit.run(AnnotatedTestCase.class), 1);
        assertThat(seen).containsExactly("s1");
        assertThat(tables).containsExactly("cms_pages");
    }

    @Test
    void the_keys_name_them_when_the_annotation_does_not() {
        Kit.assertAllPassed(Kit.run(ConfiguredTestCase.class, MigrationTest.ALEMBIC_NAME_PROPERTY_NAME, "main",
                MigrationTest.ALEMBIC_X_PROPERTY_NAME, "prefix=app_, mode=test"), 1);
        assertThat(seen).containsExactly("m1");
        assertThat(tables).containsExactly("app_users");
    }
}
