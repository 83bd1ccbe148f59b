package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flyway placeholders and Liquibase changelog parameters reach the history from the annotation and from the keys. */
class NameValuesTest {

    static volatile List<String> tables;

    private static List<String> tables(SchemaSnapshot snapshot) {
        return snapshot.objects(Table.class).stream().map(Table::name).toList();
    }

    @MigrationTest(location = "classpath:histories/flyway-placeholders", type = "flyway", placeholders = "prefix=app")
    static class FlywayTestCase implements MigrationChecks {
        @Test
        void head(MigrationRunner runner) {
            runner.upgradeTo("1");
            tables = tables(runner.snapshot());
        }
    }

    @MigrationTest(location = "classpath:histories/liquibase-parameters/changelog.sql")
    static class LiquibaseTestCase implements MigrationChecks {
        @Test
        void head(MigrationRunner runner) {
            runner.upgradeTo("items");
            tables = tables(runner.snapshot());
        }
    }

    @Test
    void the_annotation_gives_flyway_its_placeholders_and_every_check_passes() {
        Kit.assertAllPassed(Kit.run(FlywayTestCase.class), 6);
        assertThat(tables).containsExactly("app_users");
    }

    @Test
    void the_key_gives_liquibase_its_parameters_and_every_check_passes() {
        Kit.assertAllPassed(Kit.run(LiquibaseTestCase.class, MigrationTest.LIQUIBASE_PARAMETERS_PROPERTY_NAME,
                "prefix=shop"), 6);
        assertThat(tables).containsExactly("shop_items");
    }
}
