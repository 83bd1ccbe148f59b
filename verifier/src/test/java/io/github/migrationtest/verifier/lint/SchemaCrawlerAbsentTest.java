package io.github.migrationtest.verifier.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.StandardError;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A user without SchemaCrawler (it is an optional dependency): the verifier's classes, the JDBC driver and
 * SLF4J alone on a class path of their own; the lint says what to add instead of failing.
 */
class SchemaCrawlerAbsentTest {

    private static URLClassLoader withoutSchemaCrawler() {
        return new URLClassLoader(new URL[] {location(SchemaLint.class), location(org.postgresql.Driver.class),
                location(org.slf4j.LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void schemacrawler_is_found_where_it_is_on_the_class_path() {
        assertThat(SchemaLint.available()).isTrue();
    }

    @Test
    void without_schemacrawler_the_lint_is_skipped_with_one_line_that_says_what_to_add() throws Exception {
        try (URLClassLoader loader = withoutSchemaCrawler();
             DisposableDatabase database = PostgresServer.shared().createDatabase();
             Connection connection = database.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table audit (at timestamptz, what text)");
            }
            Class<?> lint;
            Object result;
            try (StandardError slf4j = StandardError.capture()) {
                lint = Class.forName(SchemaLint.class.getName(), true, loader);
                assertThat(lint.getClassLoader()).isSameAs(loader);
                assertThat((boolean) lint.getMethod("available").invoke(null)).isFalse();
                result = lint.getMethod("run", Connection.class, Set.class, Set.class)
                        .invoke(null, connection, Set.of("public"), Set.of());
                // That class path has SLF4J but no binding, as a user's may: SLF4J says so, the lint goes on.
                assertThat(slf4j.text()).contains("SLF4J(W): No SLF4J providers were found.");
            }

            Method skipped = result.getClass().getMethod("skipped");
            Method findings = result.getClass().getMethod("findings");
            assertThat(skipped.invoke(result)).isEqualTo("Schema lint at head skipped: add us.fatehi:schemacrawler-lint"
                    + " and us.fatehi:schemacrawler-postgresql (16.27.1) to the class path to lint the head schema");
            assertThat((List<?>) findings.invoke(result)).isEmpty();
        }
    }
}
