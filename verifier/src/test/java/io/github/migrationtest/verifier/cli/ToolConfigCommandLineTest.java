package io.github.migrationtest.verifier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway placeholders and Liquibase changelog parameters outside Spring Boot: from the command line, the
 * tools' own configuration files and environment variables; and one no setting defines is a history error.
 */
class ToolConfigCommandLineTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** Passes only when {@code ${prefix}} is {@code app}: the downgrade drops {@code app_a} by name. */
    private Path placeholderHistory(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__a.sql"), "-- the table of ${prefix}\nCREATE TABLE ${prefix}_a (id int);\n");
        Files.writeString(folder.resolve("U1__a.sql"), "DROP TABLE app_a;\n");
        return folder;
    }

    @Test
    void a_placeholder_given_on_the_command_line_reaches_flyway() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));

        int exit = run("verify", history.toString(), "--placeholder", "prefix=app", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("Flyway settings from --placeholder: placeholders.prefix=app");
    }

    @Test
    void snapshot_and_status_say_which_settings_they_read_as_verify_does() throws Exception {
        Path history = placeholderHistory(dir.resolve("sql"));

        int snapshot = run("snapshot", history.toString(), "--placeholder", "prefix=app");

        assertThat(snapshot).as(out + "\n" + err).isZero();
        assertThat(err.toString()).startsWith("Flyway settings from --placeholder: placeholders.prefix=app");
        assertThat(out.toString()).contains("app_a");
        try (DisposableDatabase live = PostgresServer.shared().createDatabase()) {
            List<String> args = new ArrayList<>(List.of("status", history.toString(), "--placeholder", "prefix=app",
                    "--postgres-url", live.jdbcUrl(), "--backend", "embedded"));
            if (live.user() != null) {
                args.addAll(List.of("--user", live.user()));
            }
            if (live.password() != null) {
                args.addAll(List.of("--password", live.password()));
            }
            out.getBuffer().setLength(0);

            run(args.toArray(String[]::new));

            assertThat(out.toString()).as(err.toString()).startsWith("Flyway settings from --placeholder: placeholders.prefix=app");
        }
    }

    @Test
    void an_undefined_placeholder_is_a_history_error_naming_file_line_and_fix_not_a_failed_upgrade() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));

        int exit = run("verify", history.toString(), "--type", "flyway", "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("V1__a.sql:1: the placeholder ${prefix} has no value, so Flyway would fail"
                        + " this migration (the walk stops before its revision); give it a value: --placeholder prefix=<value>,"
                        + " flyway.placeholders.prefix=<value> in flyway.conf ([flyway.placeholders] in flyway.toml), or"
                        + " FLYWAY_PLACEHOLDERS_PREFIX=<value>")
                .doesNotContain("No value provided for placeholder");
    }

    @Test
    void a_placeholder_whose_value_is_an_unset_variable_is_named_with_the_variable_not_failed_as_a_syntax_error()
            throws IOException {
        // flyway.conf (and Spring Boot) leave ${NAME} of an unset variable as written; Flyway then puts it into the SQL.
        Path history = placeholderHistory(dir.resolve("sql"));
        Path conf = Files.writeString(dir.resolve("flyway.conf"),
                "flyway.placeholders.prefix=${MIGRATIONTEST_NO_SUCH_VARIABLE}\n");

        int exit = run("verify", history.toString(), "--flyway-config", conf.toString(), "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("V1__a.sql:1: the placeholder ${prefix} has the value"
                        + " ${MIGRATIONTEST_NO_SUCH_VARIABLE}, a reference left as written (an environment variable that is"
                        + " not set), so Flyway would put that text into the SQL and fail this migration",
                "set what ${MIGRATIONTEST_NO_SUCH_VARIABLE} refers to, or give it a value: --placeholder prefix=<value>")
                .doesNotContain("syntax error");
    }

    @Test
    void the_revisions_before_an_undefined_placeholder_are_verified_and_the_history_check_fails() throws IOException {
        Path history = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(history.resolve("V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(history.resolve("U1__a.sql"), "DROP TABLE a;\n");
        Files.writeString(history.resolve("V2__b.sql"), "CREATE TABLE b (id int);\n\nCREATE TABLE ${Other} (id int);\n");
        Files.writeString(history.resolve("U2__b.sql"), "DROP TABLE b;\n");

        int exit = run("verify", history.toString(), "--no-lint", "--no-safety", "--placeholder", "prefix=unused");

        assertThat(exit).as(out + "\n" + err).isEqualTo(Main.FAILED);
        assertThat(out.toString()).contains("Verifying 1 revision of", "HISTORY_IS_LINEAR: FAILED", "[1/1] 1 (a)")
                .doesNotContain("upgrade failed");
        assertThat(err.toString()).contains("V2__b.sql:3: the placeholder ${Other} has no value", "--placeholder Other=<value>");
    }

    @Test
    void built_in_placeholders_and_names_in_another_case_are_defined_also_in_u_scripts() throws IOException {
        Path history = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(history.resolve("V1__a.sql"), "CREATE TABLE ${PREFIX}_a (id int);\n"
                + "COMMENT ON TABLE ${Prefix}_a IS 'by ${flyway:user} in ${flyway:defaultSchema}';\n");
        Files.writeString(history.resolve("U1__a.sql"), "DROP TABLE ${PreFix}_a;\n");

        int exit = run("verify", history.toString(), "--placeholder", "prefix=app", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
    }

    @Test
    void a_script_whose_own_conf_turns_replacement_off_is_not_checked() throws IOException {
        Path history = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(history.resolve("V1__a.sql"), "CREATE TABLE a (body text DEFAULT 'Hello ${user}');\n");
        Files.writeString(history.resolve("V1__a.sql.conf"), "placeholderReplacement=false\n");
        Files.writeString(history.resolve("U1__a.sql"), "DROP TABLE a;\n");

        int exit = run("verify", history.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
    }

    @Test
    void an_undefined_placeholder_in_a_callback_is_named_too() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));
        Files.writeString(history.resolve("afterMigrate.sql"), "INSERT INTO ${audit_table} VALUES (1);\n");

        int exit = run("verify", history.toString(), "--placeholder", "prefix=app", "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("afterMigrate.sql:1: the placeholder ${audit_table} has no value, so Flyway would"
                + " fail it; give it a value: --placeholder audit_table=<value>");
    }

    @Test
    void a_flyway_conf_gives_placeholders_and_the_history_table() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));
        Path conf = Files.writeString(dir.resolve("flyway.conf"), """
                flyway.url=jdbc:postgresql://prod.example.com/app
                flyway.placeholders.prefix=app
                flyway.table=app_history
                flyway.outOfOrder=true
                flyway.skipDefaultCallbacks=true
                """);

        Path json = dir.resolve("report.json");

        int exit = run("verify", history.toString(), "--flyway-config", conf.toString(), "--no-lint", "--no-safety",
                "--json", json.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("Flyway settings from " + conf + ": placeholders.prefix=app, table=app_history;"
                + " not applied: flyway.skipDefaultCallbacks");
        assertThat(Files.readString(json)).containsIgnoringWhitespaces(
                "{\"name\": \"table\", \"value\": \"app_history\", \"from\": \"" + conf + "\"}");
    }

    /** OpenLMIS' naming: timestamps without a prefix, which {@code sqlMigrationPrefix=} (empty) makes Flyway's. */
    private Path timestampHistory(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("20170214123504310__initial_schema.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(folder.resolve("20170301000000000__add_n.sql"), "ALTER TABLE a ADD COLUMN n int;\n");
        Files.writeString(folder.resolve("U20170301000000000__add_n.sql"), "ALTER TABLE a DROP COLUMN n;\n");
        return folder;
    }

    @Test
    void a_flyway_conf_s_empty_sql_migration_prefix_reads_timestamp_names_as_flyway_does() throws IOException {
        Path history = timestampHistory(dir.resolve("sql"));
        Path conf = Files.writeString(dir.resolve("flyway.conf"), "flyway.sqlMigrationPrefix=\n");

        int exit = run("verify", history.toString(), "--flyway-config", conf.toString(), "--irreversible",
                "20170214123504310=first", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("Flyway settings from " + conf + ": sqlMigrationPrefix=\n")
                .contains("[1/2] 20170214123504310 (initial schema)", "[2/2] 20170301000000000 (add n)")
                .doesNotContain("not applied");
    }

    @Test
    void a_flyway_toml_s_suffixes_and_separator_name_the_migrations() throws IOException {
        Path history = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(history.resolve("V1-create_a.pg.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(history.resolve("U1-create_a.pg.sql"), "DROP TABLE a;\n");
        Files.writeString(history.resolve("V1-create_a.mysql.sql"), "CREATE TABLE a (id int) ENGINE=InnoDB;\n");
        Path toml = Files.writeString(dir.resolve("flyway.toml"), """
                [flyway]
                sqlMigrationSeparator = "-"
                sqlMigrationSuffixes = [".pg.sql"]
                """);

        int exit = run("verify", history.toString(), "--flyway-config", toml.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("sqlMigrationSeparator=-", "sqlMigrationSuffixes=.pg.sql", "[1/1] 1 (create a)");
    }

    @Test
    void a_spring_boot_project_s_empty_sql_migration_prefix_reads_timestamp_names_as_flyway_does() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.flyway.sql-migration-prefix=\n");
        timestampHistory(resources.resolve("db/migration"));

        int exit = run("verify", dir.toString(), "--irreversible", "20170214123504310=first", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("sql-migration-prefix=", "[1/2] 20170214123504310 (initial schema)",
                "[2/2] 20170301000000000 (add n)");
    }

    @Test
    void a_placeholder_option_applies_on_top_of_a_spring_boot_project_s_settings() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), """
                spring.flyway.locations=classpath:db/migration
                spring.flyway.placeholders.prefix=wrong
                spring.flyway.placeholders.other=kept
                """);
        Path history = placeholderHistory(resources.resolve("db/migration"));
        Files.writeString(history.resolve("V2__b.sql"), "CREATE TABLE ${other} (id int);\n");
        Files.writeString(history.resolve("U2__b.sql"), "DROP TABLE kept;\n");

        int exit = run("verify", dir.toString(), "--placeholder", "prefix=app", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Flyway settings from --placeholder: placeholders.prefix=app");
    }

    @Test
    void a_flyway_toml_gives_placeholders_with_the_environments_overrides() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));
        Path toml = Files.writeString(dir.resolve("flyway.toml"), """
                [environments.default]
                url = "jdbc:postgresql://prod.example.com/app"

                [environments.ci.flyway.placeholders]
                prefix = "app"

                [flyway]
                environment = "ci"
                table = "toml_history"

                [flyway.placeholders]
                prefix = "wrong"
                """);

        int exit = run("verify", history.toString(), "--flyway-config", toml.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("placeholders.prefix=app", "table=toml_history");
    }

    @Test
    void the_working_directory_s_flyway_conf_names_the_history_and_an_environment_variable_gives_a_placeholder()
            throws IOException, InterruptedException {
        placeholderHistory(dir.resolve("sql"));
        Files.writeString(dir.resolve("flyway.conf"), "flyway.locations=filesystem:sql\nflyway.placeholders.prefix=wrong\n");
        ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "verify", "--no-lint", "--no-safety",
                "--jobs", "1").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        process.environment().put("FLYWAY_PLACEHOLDERS_PREFIX", "app");
        Process running = process.start();

        assertThat(running.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(running.exitValue()).as(output).isZero();
        assertThat(output).startsWith("Flyway settings from ./flyway.conf, FLYWAY_PLACEHOLDERS_PREFIX: locations=filesystem:sql"
                + " -> sql, placeholders.prefix=app [FLYWAY_PLACEHOLDERS_PREFIX]");
        assertThat(output).contains("placeholders.prefix=app [FLYWAY_PLACEHOLDERS_PREFIX]");
    }

    private Path parameterChangelog() throws IOException {
        return Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset dev:things
                CREATE TABLE ${table} (id int);
                --rollback DROP TABLE things;

                --changeset dev:test-data context:test
                CREATE TABLE test_only (id int);
                --rollback DROP TABLE test_only;
                """);
    }

    @Test
    void a_changelog_parameter_given_on_the_command_line_reaches_liquibase() throws IOException {
        Path changelog = parameterChangelog();

        int exit = run("verify", changelog.toString(), "--parameter", "table=things", "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("Liquibase settings from --parameter: parameter.table=things")
                .contains("Verifying 2 revisions of");
    }

    @Test
    void a_liquibase_defaults_file_gives_parameters_and_contexts() throws IOException {
        Path changelog = parameterChangelog();
        Path defaults = Files.writeString(dir.resolve("ci.properties"), """
                url: jdbc:postgresql://prod.example.com/app
                changelogFile: other.xml
                parameter.table: things
                liquibase.command.contextFilter: prod
                """);

        int exit = run("verify", changelog.toString(), "--defaults-file", defaults.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).startsWith("Liquibase settings from " + defaults + ": contexts=prod, parameter.table=things;"
                        + " not applied: changelogFile (the location given wins)")
                .contains("Verifying 1 revision of");
    }

    @Test
    void an_undefined_changelog_parameter_is_a_history_error_naming_file_line_changeset_and_fix() throws IOException {
        Path changelog = parameterChangelog();

        int exit = run("verify", changelog.toString(), "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.FAILED);
        assertThat(out.toString()).contains("HISTORY_IS_LINEAR: FAILED");
        assertThat(err.toString()).contains(changelog + ":4: changeset things uses the changelog parameter ${table}, which has"
                + " no value: Liquibase would leave it as written and Postgres fail on it; give it a value: --parameter"
                + " table=<value>, parameter.table=<value> in liquibase.properties, or -Dtable=<value>");
    }

    /** camunda's changelog prefixes every table with ${prefix}: without a value, one error each for 26 changesets. */
    @Test
    void an_undefined_parameter_many_changesets_use_is_named_at_the_first_three_and_the_others_together() throws IOException {
        StringBuilder sql = new StringBuilder("--liquibase formatted sql\n");
        for (int i = 1; i <= 5; i++) {
            sql.append("\n--changeset dev:t").append(i).append("\nCREATE TABLE ${prefix}t").append(i)
                    .append(" (id int);\n--rollback DROP TABLE ${prefix}t").append(i).append(";\n");
        }
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), sql);

        int exit = run("verify", changelog.toString(), "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains(changelog + ":4: changeset t1 uses the changelog parameter ${prefix}",
                        changelog + ":8: changeset t2 uses", changelog + ":12: changeset t3 uses",
                        changelog + ":16: 2 more changesets (t4, t5) use ${prefix} too; give it a value: --parameter prefix=")
                .doesNotContain("changeset t4 uses", "changeset t5 uses");
    }

    @Test
    void an_undefined_parameter_in_a_string_or_comment_is_at_most_a_warning() throws IOException {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset dev:templates
                -- ${not_a_parameter} in a comment
                CREATE TABLE templates (body text DEFAULT 'Hello ${user}', f text DEFAULT $$${x}$$);
                --rollback DROP TABLE templates;
                """);

        int exit = run("verify", changelog.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(err.toString()).contains("has ${user} in a string with no changelog parameter of that name")
                .doesNotContain("not_a_parameter");
    }

    @Test
    void an_undefined_parameter_in_a_change_attribute_is_an_error_at_its_changeset() throws IOException {
        // Gravitee's changelogs name every table ${gravitee_prefix}...: without a value Liquibase creates "${gravitee_prefix}pages".
        Path changelog = Files.writeString(dir.resolve("changelog.yml"), """
                databaseChangeLog:
                  - changeSet:
                      id: pages
                      author: dev
                      changes:
                        - createTable:
                            tableName: ${gravitee_prefix}pages
                            remarks: ${not_a_name}
                            columns:
                              - column: {name: id, type: text, defaultValue: "${also_text}", constraints: {primaryKeyName: "pk_${gravitee_prefix}pages"}}
                  - changeSet:
                      id: fill
                      author: dev
                      changes:
                        - sql:
                            sql: insert into ${gravitee_prefix}pages (id) values ('x')
                      rollback:
                        - sql:
                            sql: delete from ${gravitee_prefix}pages
                """);

        int exit = run("verify", changelog.toString(), "--no-lint", "--no-safety");

        assertThat(exit).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains(changelog + ":7: changeset pages uses the changelog parameter ${gravitee_prefix},"
                        + " which has no value: Liquibase would leave it as written, and Postgres take it as part of the name;"
                        + " give it a value: --parameter gravitee_prefix=<value>")
                .contains(changelog + ":16: changeset fill uses the changelog parameter ${gravitee_prefix}, which has no value:"
                        + " Liquibase would leave it as written and Postgres fail on it")
                .contains("changeset pages has ${not_a_name} in a string with no changelog parameter of that name")
                .contains("changeset pages has ${also_text} in a string with no changelog parameter of that name");
    }

    @Test
    void a_parameter_the_changelog_defines_itself_is_defined() throws IOException {
        Path changelog = Files.writeString(dir.resolve("changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                  <property name="table" value="things"/>
                  <changeSet id="things" author="dev">
                    <sql>CREATE TABLE ${table} (id int)</sql>
                    <rollback><sql>DROP TABLE things</sql></rollback>
                  </changeSet>
                </databaseChangeLog>
                """);

        int exit = run("verify", changelog.toString(), "--no-lint", "--no-safety");

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(err.toString()).doesNotContain("${table}");
    }

    @Test
    void an_option_of_the_other_tool_is_refused_naming_the_tool_the_history_is_read_with() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));

        int exit = run("verify", history.toString(), "--placeholder", "prefix=app", "--parameter", "table=x");

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--parameter is for a Liquibase history, but " + history + " is read as flyway:"
                + " leave --parameter out, or give --type liquibase");
    }

    @Test
    void a_value_without_a_name_is_refused_with_the_form_expected() throws IOException {
        Path history = placeholderHistory(dir.resolve("sql"));

        int exit = run("verify", history.toString(), "--placeholder", "prefix");

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--placeholder prefix: expected <name>=<value>");
    }

    @Test
    void flyway_s_own_configuration_for_a_spring_boot_project_is_refused_saying_which_settings_apply() throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.flyway.locations=classpath:db/migration\n");
        placeholderHistory(resources.resolve("db/migration"));
        Path conf = Files.writeString(dir.resolve("flyway.conf"), "flyway.placeholders.prefix=app\n");

        int exit = run("verify", dir.toString(), "--flyway-config", conf.toString());

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--flyway-config " + conf + ": the history is the Spring Boot project's, whose"
                + " spring.* settings apply");
    }

    @Test
    void a_missing_config_file_is_named() {
        int exit = run("verify", dir.toString(), "--type", "flyway", "--flyway-config", dir.resolve("nope.toml").toString());

        assertThat(exit).isEqualTo(Main.COULD_NOT_RUN);
        assertThat(err.toString()).contains("--flyway-config " + dir.resolve("nope.toml") + ": no such file");
    }
}
