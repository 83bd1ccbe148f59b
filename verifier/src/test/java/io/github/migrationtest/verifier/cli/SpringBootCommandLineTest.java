package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spring Boot project is verified with its own {@code spring.flyway.*} / {@code spring.liquibase.*}
 * settings and no migrationtest configuration at all, on a real Postgres: its datasource URL points at a
 * host that does not exist, and the placeholders, profile and contexts are needed for the history to run.
 */
class SpringBootCommandLineTest {

    private static final Path FLYWAY_PROJECT = Path.of("src/test/resources/spring/flyway-yaml");
    private static final Path LIQUIBASE_PROJECT = Path.of("src/test/resources/spring/liquibase-properties");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void a_flyway_project_in_yaml_is_verified_with_its_locations_placeholders_profile_and_history_table() throws IOException {
        Path json = dir.resolve("report.json");

        int exit = run("verify", FLYWAY_PROJECT.toString(), "--spring-profiles", "test", "--json", json.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Flyway settings from src/main/resources/application.yml (profile test):"
                + " locations=classpath:db/migration/{vendor} -> src/main/resources/db/migration/postgresql,"
                + " placeholders.auditTable=test_audit, placeholders.greeting=hello from the test profile,"
                + " table=app_schema_history\n");
        assertThat(out.toString()).contains("Verifying 2 revisions of");
        JsonArray settings = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("settings");
        JsonObject table = settings.asList().stream().map(e -> e.getAsJsonObject())
                .filter(s -> s.get("name").getAsString().equals("spring.flyway.table")).findFirst().orElseThrow();
        assertThat(table.get("value").getAsString()).isEqualTo("app_schema_history");
        assertThat(table.get("from").getAsString()).isEqualTo("src/main/resources/application.yml");
    }

    @Test
    void without_the_profile_the_base_settings_apply_and_the_placeholder_default_is_used() {
        int exit = run("verify", FLYWAY_PROJECT.toString(), "--checks", "UPGRADES_APPLY");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Flyway settings from src/main/resources/application.yml:"
                + " locations=classpath:db/migration/{vendor} -> src/main/resources/db/migration/postgresql,"
                + " placeholders.auditTable=audit_log, placeholders.greeting=hello, table=app_schema_history\n");
    }

    @Test
    void a_liquibase_project_in_properties_is_verified_with_its_changelog_contexts_labels_parameters_and_profile() {
        int exit = run("verify", LIQUIBASE_PROJECT.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Liquibase settings from src/main/resources/application.properties,"
                + " src/main/resources/application-ci.yaml (profile ci):"
                + " change-log=classpath:db/changelog/main.yaml -> src/main/resources/db/changelog/main.yaml,"
                + " contexts=test, labelFilter=!slow, parameters.columnType=text [src/main/resources/application-ci.yaml],"
                + " parameters.tableName=widgets; not applied: spring.liquibase.database-change-log-table\n");
        assertThat(out.toString()).contains("Verifying 1 revision of", "[1/1] widgets");
    }

    @Test
    void no_location_and_no_spring_boot_settings_here_says_what_to_give() {
        int exit = run("verify");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: No location given, and " + Path.of("").toAbsolutePath()
                + " has no Spring Boot Flyway or Liquibase settings in src/main/resources/application.(properties|yml|yaml):"
                + " give the history's location, e.g. migrationtest verify src/main/resources/db/migration");
    }

    @Test
    void java_migrations_beside_the_sources_are_named_as_left_out_not_passed_over_in_silence() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources/db/migration"));
        Files.writeString(dir.resolve("src/main/resources/application.yml"), "spring:\n  flyway:\n    enabled: true\n");
        Files.writeString(resources.resolve("V1__a.sql"), "create table a (id int primary key);\n");
        Files.writeString(resources.resolve("V3__b.sql"), "alter table a add column name text;\n");
        Path java = Files.createDirectories(dir.resolve("src/main/java/db/migration"));
        Files.writeString(java.resolve("V2__Backfill.java"), "package db.migration;\n\npublic class V2__Backfill {}\n");
        Files.writeString(java.resolve("MigrationSupport.java"), "package db.migration;\n\nclass MigrationSupport {}\n");

        int exit = run("verify", dir.toString(), "--checks", "HISTORY_IS_LINEAR,UPGRADES_APPLY");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Not verified: 1 Java migration(s) that Flyway runs from the compiled classes"
                + " of classpath:db/migration between the SQL scripts: src/main/java/db/migration/V2__Backfill.java;"
                + " the command line compiles nothing, so the walk leaves them out. To verify them too, run the Maven plugin"
                + " (mvn verify, after compile) or the JUnit extension (@MigrationTest), which take them from the project's"
                + " class path\n");
        assertThat(out.toString()).doesNotContain("MigrationSupport");
    }

    @Test
    void a_missing_flyway_location_names_the_setting_and_its_file() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.flyway.locations=classpath:db/missing\n");

        int exit = run("verify", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("migrationtest: No Flyway migrations at classpath:db/missing"
                + " (spring.flyway.locations in src/main/resources/application.properties): the folder does not exist;"
                + " fix the setting, or give the history's location");
    }

    @Test
    void flyway_versions_of_a_common_location_and_a_profile_s_are_walked_in_one_version_order() throws IOException {
        // Spring Boot's usual layout: shared migrations in common/, a profile's or a vendor's in a folder of its own.
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Path common = Files.createDirectories(resources.resolve("db/migration/common"));
        Path dev = Files.createDirectories(resources.resolve("db/migration/dev"));
        Files.writeString(resources.resolve("application.yml"), """
                spring:
                  flyway:
                    locations: classpath:db/migration/common,classpath:db/migration/dev
                """);
        Files.writeString(common.resolve("V1__users.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(common.resolve("U1__users.sql"), "DROP TABLE users;\n");
        Files.writeString(dev.resolve("V2__seed.sql"), "CREATE TABLE seed (user_id int REFERENCES users);\n");
        Files.writeString(dev.resolve("U2__seed.sql"), "DROP TABLE seed;\n");
        Files.writeString(common.resolve("V3__emails.sql"), "ALTER TABLE seed ADD COLUMN email text;\n");
        Files.writeString(common.resolve("U3__emails.sql"), "ALTER TABLE seed DROP COLUMN email;\n");

        int exit = run("verify", dir.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("[1/3] 1 (users)").contains("[2/3] 2 (seed)").contains("[3/3] 3 (emails)");

        Files.writeString(dev.resolve("V3__again.sql"), "SELECT 1;\n");
        assertThat(run("verify", dir.toString())).as("HISTORY_IS_LINEAR fails").isEqualTo(1);
        assertThat(out.toString() + err).contains("V3__again.sql: has the same version (3) as")
                .contains("which Flyway refuses (\"Found more than one migration with version\")");
    }

    @Test
    void flyway_schemas_and_placeholder_syntax_reach_flyway_and_the_downgrade_scripts() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Path migrations = Files.createDirectories(resources.resolve("db/migration"));
        Files.writeString(resources.resolve("application.properties"), """
                spring.flyway.schemas=app
                spring.flyway.placeholder-prefix=#[
                spring.flyway.placeholder-suffix=]
                spring.flyway.placeholders.name=widgets
                """);
        Files.writeString(migrations.resolve("V1__schema.sql"), "CREATE TABLE marker (id int);\n");
        Files.writeString(migrations.resolve("U1__schema.sql"), "DROP TABLE marker;\n");
        Files.writeString(migrations.resolve("V2__widgets.sql"), "CREATE TABLE #[name] (id int, note text DEFAULT '${kept}');\n");
        Files.writeString(migrations.resolve("U2__widgets.sql"), "DROP TABLE app.#[name];\n");

        // Flyway creates the schemas it manages at its first migrate, and no downgrade drops them: their existence is
        // not compared, so revision 1's round trip passes without the environment providing the schema.
        int exit = run("verify", dir.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Flyway settings from src/main/resources/application.properties:"
                + " placeholders.name=widgets, schemas=app, placeholder-prefix=#[, placeholder-suffix=]\n");
    }
}
