package io.github.migrationtest.verifier.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.slf4j.LoggerFactory;

/** Flyway and Liquibase are optional: without them, plain SQL still works and asking for them says what to add. */
class OptionalToolsTest {

    private static final Path FLYWAY_DIR = Path.of("src/test/resources/source/flyway/basic");

    /** A class loader with this project, pgjdbc and SLF4J, and neither Flyway nor Liquibase. */
    private static URLClassLoader withoutTools() throws Exception {
        URL[] urls = {
            MigrationSources.class.getProtectionDomain().getCodeSource().getLocation(),
            Driver.class.getProtectionDomain().getCodeSource().getLocation(),
            LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation()
        };
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    /** Calls MigrationSources.open(location, defaults with the isolated class loader) inside that loader. */
    private static Object open(ClassLoader loader, String location, String type) throws Throwable {
        Class<?> optionsType = loader.loadClass(SourceOptions.class.getName());
        Object options = optionsType.getMethod("defaults").invoke(null);
        options = optionsType.getMethod("withClassLoader", ClassLoader.class).invoke(options, loader);
        if (type != null) {
            Class<?> sourceType = loader.loadClass(SourceType.class.getName());
            options = optionsType.getMethod("withType", sourceType).invoke(options, sourceType.getMethod("parse", String.class).invoke(null, type));
        }
        Method open = loader.loadClass(MigrationSources.class.getName()).getMethod("open", String.class, optionsType);
        try {
            return open.invoke(null, location, options);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void plain_sql_works_without_flyway_and_liquibase(@TempDir Path dir) throws Throwable {
        Files.writeString(dir.resolve("1_a.up.sql"), "create table a (id int);");
        Files.writeString(dir.resolve("1_a.down.sql"), "drop table a;");

        try (URLClassLoader loader = withoutTools()) {
            assertThat(loader.getResource("org/flywaydb/core/Flyway.class")).isNull();
            Object source = open(loader, dir.toString(), null);

            assertThat(source.getClass().getSimpleName()).isEqualTo("SqlPairsSource");
            assertThat((List<?>) source.getClass().getMethod("revisions").invoke(source)).hasSize(1);
        }
    }

    @Test
    void v_scripts_without_flyway_are_run_as_plain_sql() throws Throwable {
        try (URLClassLoader loader = withoutTools()) {
            Object source = open(loader, FLYWAY_DIR.toString(), null);

            assertThat(source.getClass().getSimpleName()).isEqualTo("SqlPairsSource");
            assertThat((List<?>) source.getClass().getMethod("revisions").invoke(source)).hasSize(3);
        }
    }

    @Test
    void asking_for_a_tool_that_is_missing_says_what_to_add() throws Throwable {
        try (URLClassLoader loader = withoutTools()) {
            Throwable flyway = org.assertj.core.api.Assertions.catchThrowable(() -> open(loader, FLYWAY_DIR.toString(), "flyway"));
            Throwable liquibase = org.assertj.core.api.Assertions.catchThrowable(() -> open(loader, "db.changelog.xml", "liquibase"));

            assertThat(flyway).isInstanceOf(IllegalStateException.class).hasMessage(
                    "Flyway is not on the class path: add org.flywaydb:flyway-core and flyway-database-postgresql");
            assertThat(liquibase).isInstanceOf(IllegalStateException.class).hasMessage(
                    "Liquibase is not on the class path: add org.liquibase:liquibase-core");
        }
    }
}
