package io.github.migrationtest.verifier.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.report.ReportedSetting;
import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.spring.ApplicationFiles.ApplicationFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spring Boot's rules for reading settings: relaxed names, precedence, profiles, placeholders, lists. */
class SpringBootSettingsTest {

    @TempDir
    Path project;
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> systemProperties = new HashMap<>();

    @BeforeEach
    void defaultLocationsExist() throws IOException {
        Files.createDirectories(resources().resolve("db/migration"));
        Files.writeString(resources().resolve("db/migration/V1__a.sql"), "CREATE TABLE a (id int);");
        Files.createDirectories(resources().resolve("db/changelog"));
        Files.writeString(resources().resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog: []\n");
    }

    private Path resources() {
        return project.resolve("src/main/resources");
    }

    private Optional<SpringMigrationSettings> read(String... profiles) {
        ApplicationFiles applicationFiles = name -> Optional.ofNullable(files.get(name))
                .map(text -> new ApplicationFile("src/main/resources/" + name, text));
        return new SpringBootSettings(applicationFiles, HistoryLocations.inProject(project, resources()), environment,
                systemProperties).read(List.of(profiles));
    }

    private SourceOptions options(String... profiles) {
        return read(profiles).orElseThrow().applyTo(SourceOptions.defaults());
    }

    @Test
    void flyway_s_file_names_are_read_an_empty_prefix_and_a_suffix_list_among_them() {
        files.put("application.properties", """
                spring.flyway.sql-migration-prefix=
                spring.flyway.sqlMigrationSeparator=-
                spring.flyway.sql-migration-suffixes=${db}.sql,.pgsql
                spring.flyway.repeatable-sql-migration-prefix=RR
                spring.flyway.baseline-migration-prefix=BB
                spring.flyway.undo-sql-migration-prefix=UU
                db=POSTGRESQL
                """);

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().names())
                .isEqualTo(new FlywayNames("", "UU", "RR", "BB", "-", List.of("POSTGRESQL.sql", ".pgsql")));
        assertThat(settings.describe()).doesNotContain("not applied");
    }

    @Test
    void kebab_camel_and_underscore_names_all_bind() {
        files.put("application.properties", """
                spring.flyway.placeholder-prefix=#[
                spring.flyway.placeholderSuffix=]
                spring.flyway.default_schema=app
                """);

        SourceOptions.FlywayOptions flyway = options().flyway();

        assertThat(flyway.placeholderPrefix()).isEqualTo("#[");
        assertThat(flyway.placeholderSuffix()).isEqualTo("]");
        assertThat(flyway.defaultSchema()).isEqualTo("app");
    }

    @Test
    void environment_variables_win_over_files_and_system_properties_over_both() {
        files.put("application.yml", "spring:\n  flyway:\n    table: from_file\n    schemas: [a, b]\n");
        environment.put("SPRING_FLYWAY_TABLE", "from_env");
        environment.put("SPRING_FLYWAY_SCHEMAS", "c,d");
        systemProperties.put("spring.flyway.schemas", "e");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().table()).isEqualTo("from_env");
        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().schemas()).containsExactly("e");
        assertThat(settings.settings()).contains(new ReportedSetting("spring.flyway.table", "from_env",
                "environment variable SPRING_FLYWAY_TABLE"), new ReportedSetting("spring.flyway.schemas", "e",
                "system property spring.flyway.schemas"));
    }

    @Test
    void validate_migration_naming_is_applied_as_flyway_runs_with_it() {
        // Left out, a stray 'old V2__x.sql' that makes the application's own migrate fail passed every upgrade (hjvm7).
        files.put("application.properties", "spring.flyway.validate-migration-naming=true\n");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().validateMigrationNaming()).isTrue();
        assertThat(settings.notApplied()).isEmpty();
    }

    @Test
    void yaml_lists_and_profile_files_override_the_base_file_the_last_profile_winning() {
        files.put("application.yml", "spring:\n  flyway:\n    schemas:\n      - one\n      - two\n    table: base\n");
        files.put("application-a.yml", "spring.flyway.table: from_a\n");
        files.put("application-b.properties", "spring.flyway.table=from_b\n");

        assertThat(options().flyway().schemas()).containsExactly("one", "two");
        assertThat(options("a").flyway().table()).isEqualTo("from_a");
        assertThat(options("a", "b").flyway().table()).isEqualTo("from_b");
        assertThat(options("b", "a").flyway().table()).isEqualTo("from_a");
    }

    @Test
    void the_active_profile_comes_from_the_environment_when_none_is_given() {
        files.put("application.properties", "spring.flyway.table=base\nspring.profiles.active=fromfile\n");
        files.put("application-fromfile.properties", "spring.flyway.table=file_profile\n");
        files.put("application-fromenv.properties", "spring.flyway.table=env_profile\n");

        assertThat(options().flyway().table()).isEqualTo("file_profile");
        environment.put("SPRING_PROFILES_ACTIVE", "fromenv");
        assertThat(options().flyway().table()).isEqualTo("env_profile");
    }

    @Test
    void with_no_active_profile_spring_profiles_default_names_the_profiles_as_in_spring_boot() throws IOException {
        // kmh-no3/journAPI: application.yml has spring.profiles.default: dev, and only application-dev.yml sets Flyway.
        files.put("application.yml", "spring:\n  profiles:\n    default: dev\n");
        files.put("application-dev.yml", "spring:\n  flyway:\n    locations: classpath:/db/dev\n    table: dev_history\n");
        files.put("application-ci.properties", "spring.flyway.table=ci_history\n");
        Files.createDirectories(resources().resolve("db/dev"));
        Files.writeString(resources().resolve("db/dev/V1__a.sql"), "CREATE TABLE a (id int);");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.location()).endsWith("db/dev");
        assertThat(settings.describe()).startsWith("Flyway settings from src/main/resources/application-dev.yml (profile dev):");
        environment.put("SPRING_PROFILES_DEFAULT", "ci");
        assertThat(options().flyway().table()).isEqualTo("ci_history");
        environment.put("SPRING_PROFILES_ACTIVE", "dev");
        assertThat(options().flyway().table()).isEqualTo("dev_history");
    }

    @Test
    void placeholders_in_values_resolve_against_properties_environment_and_defaults() {
        files.put("application.properties", """
                app.suffix=_v2
                spring.flyway.table=history${app.suffix}
                spring.flyway.placeholders.owner=${OWNER}
                spring.flyway.placeholders.mode=${MODE:strict}
                spring.flyway.placeholders.kept=${nowhere.defined}
                """);
        environment.put("OWNER", "app_owner");

        SourceOptions options = options();

        assertThat(options.flyway().table()).isEqualTo("history_v2");
        assertThat(options.placeholders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("owner", "app_owner", "mode", "strict", "kept", "${nowhere.defined}"));
    }

    @Test
    void vendor_in_a_location_is_postgresql_and_other_locations_reach_flyway_too() throws IOException {
        Files.createDirectories(resources().resolve("db/vendors/postgresql"));
        Files.writeString(resources().resolve("db/vendors/postgresql/V1__a.sql"), "CREATE TABLE a (id int);");
        Files.createDirectories(project.resolve("callbacks"));
        files.put("application.properties",
                "spring.flyway.locations=classpath:db/vendors/{vendor},filesystem:callbacks,classpath:db/nowhere\n");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.type()).isEqualTo(SourceType.FLYWAY);
        assertThat(settings.location()).isEqualTo(resources().resolve("db/vendors/postgresql").toString());
        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().extraLocations())
                .containsExactly("filesystem:" + project.resolve("callbacks"));
    }

    @Test
    void versions_in_two_locations_are_one_history_whose_first_location_is_the_main_one() throws IOException {
        Files.createDirectories(resources().resolve("db/more"));
        Files.writeString(resources().resolve("db/more/V2__b.sql"), "CREATE TABLE b (id int);");
        files.put("application.properties", "spring.flyway.locations=classpath:db/migration,classpath:db/more\n");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.location()).isEqualTo(resources().resolve("db/migration").toString());
        assertThat(settings.applyTo(SourceOptions.defaults()).flyway().extraLocations())
                .containsExactly("filesystem:" + resources().resolve("db/more"));
    }

    @Test
    void without_settings_spring_boots_default_location_is_used_and_a_disabled_tool_is_not() {
        files.put("application.properties", "server.port=8081\nspring.liquibase.enabled=false\n");

        SpringMigrationSettings settings = read().orElseThrow();

        assertThat(settings.type()).isEqualTo(SourceType.FLYWAY);
        assertThat(settings.applyTo(SourceOptions.defaults()).type()).as("detected, as for any location").isNull();
        assertThat(settings.describe()).isEqualTo("Flyway settings from Spring Boot's defaults: location="
                + resources().resolve("db/migration"));
    }

    @Test
    void both_tools_configured_is_refused_and_no_application_file_is_no_spring_project() {
        assertThat(read()).isEmpty();
        files.put("application.properties", "spring.flyway.table=t\nspring.liquibase.contexts=test\n");

        assertThatThrownBy(this::read).isInstanceOf(SpringSettingsException.class).hasMessage(
                "Both spring.flyway.* and spring.liquibase.* are set in src/main/resources/application.properties:"
                        + " give the location of the history to verify (the Flyway location or the Liquibase changelog)");
    }

    @Test
    void liquibase_labels_by_their_older_name_and_parameters_with_dots_in_brackets() {
        files.put("application.yml", """
                spring:
                  liquibase:
                    labels: fast
                    contexts: [test, dev]
                    parameters:
                      "[schema.name]": app
                """);

        SourceOptions.LiquibaseOptions liquibase = options().liquibase();

        assertThat(liquibase.labels()).isEqualTo("fast");
        assertThat(liquibase.contexts()).isEqualTo("test,dev");
        assertThat(liquibase.parameters()).containsExactlyEntriesOf(Map.of("schema.name", "app"));
    }

    @Test
    void liquibase_default_and_liquibase_schemas_are_applied() {
        files.put("application.properties", """
                spring.liquibase.default-schema=app
                spring.liquibase.liquibase-schema=audit
                spring.liquibase.database-change-log-table=history
                """);

        SpringMigrationSettings settings = read().orElseThrow();
        SourceOptions.LiquibaseOptions liquibase = settings.applyTo(SourceOptions.defaults()).liquibase();

        assertThat(liquibase.defaultSchema()).isEqualTo("app");
        assertThat(liquibase.liquibaseSchema()).isEqualTo("audit");
        assertThat(settings.notApplied()).containsExactly("spring.liquibase.database-change-log-table");
    }

    @Test
    void a_yaml_document_for_another_profile_does_not_apply() {
        files.put("application.yml", """
                spring.flyway.table: base
                ---
                spring.config.activate.on-profile: prod
                spring.flyway.table: prod_history
                ---
                spring.config.activate.on-profile: "!prod"
                spring.flyway.schemas: not_prod
                """);

        assertThat(options().flyway().table()).isEqualTo("base");
        assertThat(options().flyway().schemas()).containsExactly("not_prod");
        assertThat(options("prod").flyway().table()).isEqualTo("prod_history");
        assertThat(options("prod").flyway().schemas()).isEmpty();
    }

    @Test
    void invalid_yaml_names_the_file_and_the_way_out() {
        files.put("application.yml", "spring:\n  flyway: [unclosed\n");

        assertThatThrownBy(this::read).isInstanceOf(SpringSettingsException.class)
                .hasMessageStartingWith("src/main/resources/application.yml is not valid YAML: ")
                .hasMessageEndingWith("\nFix the file, or give the history's location to verify it without Spring Boot's settings");
    }
}
