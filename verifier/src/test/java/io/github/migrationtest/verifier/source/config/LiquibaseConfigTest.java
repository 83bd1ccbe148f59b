package io.github.migrationtest.verifier.source.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase's defaults file, variables and options, later ones winning, as Liquibase's command line reads them. */
class LiquibaseConfigTest {

    @TempDir
    Path dir;

    @Test
    void variables_win_over_the_file_and_options_over_both() throws IOException {
        Files.writeString(dir.resolve("liquibase.properties"), """
                changeLogFile: db/master.xml
                contexts: dev
                liquibase.command.labelFilter: fast
                parameter.schema: from-file
                parameter.owner: from-file
                username: app
                liquibase.hub.mode: off
                """);

        ToolConfig config = LiquibaseConfig.read(dir, null, Map.of("LIQUIBASE_COMMAND_CONTEXT_FILTER", "ci"),
                Map.of("owner", "from-option"), false);
        SourceOptions options = config.applyTo(SourceOptions.defaults());

        assertThat(config.location()).contains(dir.resolve("db/master.xml").toString());
        assertThat(options.liquibase().contexts()).isEqualTo("ci");
        assertThat(options.liquibase().labels()).isEqualTo("fast");
        assertThat(options.liquibase().parameters()).containsOnly(Map.entry("schema", "from-file"),
                Map.entry("owner", "from-option"));
        assertThat(config.describe()).endsWith("; not applied: liquibase.hub.mode");
    }

    @Test
    void a_location_given_wins_over_the_file_s_changelog_and_says_so() throws IOException {
        Files.writeString(dir.resolve("liquibase.properties"), "changelogFile=db/master.xml\n");

        ToolConfig config = LiquibaseConfig.read(dir, null, Map.of(), Map.of(), true);

        assertThat(config.location()).isEmpty();
        assertThat(config.describe()).isEqualTo("Liquibase settings: not applied: changelogFile (the location given wins)");
    }

    @Test
    void the_default_and_liquibase_schemas_are_applied_and_other_table_settings_are_said_to_be_not() throws IOException {
        Files.writeString(dir.resolve("liquibase.properties"), """
                defaultSchemaName: app
                liquibase.liquibaseSchemaName: from-file
                databaseChangeLogTableName: history
                """);

        ToolConfig config = LiquibaseConfig.read(dir, null, Map.of("LIQUIBASE_LIQUIBASE_SCHEMA_NAME", "audit"), Map.of(), true);
        SourceOptions options = config.applyTo(SourceOptions.defaults());

        assertThat(options.liquibase().defaultSchema()).isEqualTo("app");
        assertThat(options.liquibase().liquibaseSchema()).isEqualTo("audit");
        assertThat(config.describe()).isEqualTo("Liquibase settings from ./liquibase.properties, LIQUIBASE_LIQUIBASE_SCHEMA_NAME:"
                + " defaultSchemaName=app, liquibaseSchemaName=audit [LIQUIBASE_LIQUIBASE_SCHEMA_NAME];"
                + " not applied: databaseChangeLogTableName");
    }
}
