package io.github.migrationtest.verifier.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway's configuration read as Flyway's command line reads it: files, then variables, then options. */
class FlywayConfigTest {

    @TempDir
    Path dir;

    @Test
    void variables_win_over_files_and_options_over_variables() throws IOException {
        Files.writeString(dir.resolve("flyway.conf"), """
                flyway.placeholders.a=from-conf
                flyway.placeholders.b=from-conf
                flyway.placeholders.c=from-conf
                flyway.table=conf_history
                """);
        Map<String, String> environment = Map.of("FLYWAY_PLACEHOLDERS_B", "from-env", "FLYWAY_PLACEHOLDERS_C", "from-env",
                "FLYWAY_TABLE", "env_history");

        ToolConfig config = FlywayConfig.read(dir, null, environment, Map.of("C", "from-option"), true);
        SourceOptions options = config.applyTo(SourceOptions.defaults());

        assertThat(options.placeholders()).containsOnly(Map.entry("a", "from-conf"), Map.entry("b", "from-env"),
                Map.entry("C", "from-option"));
        assertThat(options.flyway().table()).isEqualTo("env_history");
        assertThat(config.historyTable()).contains("env_history");
    }

    @Test
    void a_conf_file_s_variables_and_a_toml_file_s_env_references_are_resolved() throws IOException {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.placeholders.owner=${OWNER}\nflyway.placeholders.unset=${NOPE}\n");
        Files.writeString(dir.resolve("flyway.toml"), """
                [flyway]
                schemas = ["app", "audit"]
                placeholderPrefix = "#["
                placeholderSuffix = "]"
                placeholderReplacement = true

                [flyway.placeholders]
                reader = "${env.READER}"
                """);

        SourceOptions options = FlywayConfig.read(dir, null, Map.of("OWNER", "alice", "READER", "bob"), Map.of(), true)
                .applyTo(SourceOptions.defaults());

        assertThat(options.placeholders()).containsOnly(Map.entry("owner", "alice"), Map.entry("unset", "${NOPE}"),
                Map.entry("reader", "bob"));
        assertThat(options.flyway().schemas()).containsExactly("app", "audit");
        assertThat(options.flyway().placeholderPrefix()).isEqualTo("#[");
        assertThat(options.flyway().placeholderSuffix()).isEqualTo("]");
        assertThat(options.flyway().placeholderReplacement()).isTrue();
    }

    @Test
    void locations_name_the_folder_with_versions_and_the_others_reach_flyway_too() throws IOException {
        Files.createDirectories(dir.resolve("callbacks"));
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/V1__a.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.locations=filesystem:callbacks,filesystem:sql\n");

        ToolConfig config = FlywayConfig.read(dir, null, Map.of(), Map.of(), false);

        assertThat(config.location()).contains(dir.resolve("sql").toString());
        assertThat(config.applyTo(SourceOptions.defaults()).flyway().extraLocations())
                .containsExactly("filesystem:" + dir.resolve("callbacks"));
        assertThat(config.describe()).isEqualTo("Flyway settings from ./flyway.conf: locations=filesystem:callbacks,filesystem:sql -> sql");
    }

    @Test
    void locations_that_do_not_exist_are_named_with_where_they_were_set() throws IOException {
        Files.writeString(dir.resolve("flyway.conf"), "flyway.locations=filesystem:nowhere\n");

        assertThatThrownBy(() -> FlywayConfig.read(dir, null, Map.of(), Map.of(), false))
                .hasMessageStartingWith("No Flyway migrations at filesystem:nowhere (locations in ./flyway.conf)");
    }

    @Test
    void invalid_toml_is_named() throws IOException {
        Path toml = Files.writeString(dir.resolve("flyway.toml"), "[flyway\n");

        assertThatThrownBy(() -> FlywayConfig.read(dir, null, Map.of(), Map.of(), true))
                .hasMessageStartingWith(toml + " is not valid TOML");
    }

    @Test
    void nothing_set_changes_nothing() {
        ToolConfig config = FlywayConfig.read(dir, null, Map.of("PATH", "/usr/bin"), Map.of(), true);

        assertThat(config.isEmpty()).isTrue();
        assertThat(config.applyTo(SourceOptions.defaults())).isEqualTo(SourceOptions.defaults());
    }
}
