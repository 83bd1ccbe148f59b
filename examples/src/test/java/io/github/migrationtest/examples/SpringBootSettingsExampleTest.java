package io.github.migrationtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationRunner;
import io.github.migrationtest.junit.MigrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot application's migrations, verified with its own settings and nothing else: no location,
 * no type, no placeholders here. {@code src/main/resources/application.yml} names the Flyway location
 * (with {@code {vendor}}), the history table and a placeholder; the test profile
 * ({@code junit-platform.properties}) overrides the placeholder in {@code src/test/resources/application-test.yml}.
 */
@MigrationTest
class SpringBootSettingsExampleTest implements MigrationChecks {

    @Test
    void flyway_runs_with_the_applications_history_table_and_the_test_profiles_placeholder(MigrationRunner runner,
                                                                                          DataSource db) throws SQLException {
        runner.upgradeToHead();

        assertThat(single(db, "SELECT count(*) FROM shop_schema_history WHERE success AND version IS NOT NULL"))
                .isEqualTo("2");
        assertThat(single(db, "SELECT column_default FROM information_schema.columns"
                + " WHERE table_name = 'products' AND column_name = 'currency'")).isEqualTo("'TST'::bpchar");
    }

    private static String single(DataSource db, String sql) throws SQLException {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
