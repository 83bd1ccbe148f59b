package io.github.migrationtest.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.cli.Main;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The status goal's parameters are the command line's status options, checked by its own parser. */
class StatusMojoArgumentsTest {

    private static final Set<String> NOT_PARAMETERS = Set.of("--json", "--junit-xml", "--markdown", "--help", "--version");

    @TempDir
    Path module;

    @Test
    void every_parameter_set_gives_arguments_the_command_line_accepts_and_the_url_is_the_live_database() {
        ParseResult parsed = parse(arguments(everythingSet()));

        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.matchedOptionValue("--postgres-url", "")).isEqualTo("jdbc:postgresql://dev/shop");
        assertThat(parsed.matchedOptionValue("--user", "")).isEqualTo("shop_reader");
        assertThat(parsed.matchedOptionValue("--json", (Object) null).toString())
                .isEqualTo(module.resolve("target/migrationtest/status.json").toString());
    }

    @Test
    void every_status_option_of_the_command_line_is_set_by_some_parameter() {
        Set<String> offered = new TreeSet<>();
        new CommandLine(new Main()).getSubcommands().get("status").getCommandSpec().options().stream()
                .map(OptionSpec::longestName).filter(name -> !NOT_PARAMETERS.contains(name)).forEach(offered::add);

        Set<String> set = new TreeSet<>();
        parse(arguments(everythingSet())).matchedOptions().stream().map(OptionSpec::longestName).forEach(set::add);

        assertThat(set).as("a status option without a parameter of the goal: add one to StatusMojo or CommandLineMojo")
                .containsAll(offered);
    }

    private StatusMojo everythingSet() {
        StatusMojo mojo = new StatusMojo();
        mojo.location = "db/migrations";
        mojo.type = "sql";
        mojo.pattern = "(?<version>\\d+)_(?<name>.+)\\.(?<direction>up|down)\\.sql";
        mojo.searchPath = List.of(module.resolve("changelog").toFile());
        mojo.contexts = "test";
        mojo.springProfiles = "test";
        mojo.labels = "fast";
        mojo.placeholders = java.util.Map.of("prefix", "app");
        mojo.parameters = java.util.Map.of("table", "things");
        mojo.flywayConfig = new java.io.File("flyway.toml");
        mojo.defaultsFile = new java.io.File("liquibase.properties");
        mojo.python = "/usr/bin/python3";
        mojo.alembicEnv = "minimal";
        mojo.alembicName = "main";
        mojo.alembicX = List.of("tenant=acme");
        mojo.backend = "embedded";
        mojo.postgresVersion = 16;
        mojo.postgresUrl = "jdbc:postgresql://dev/shop";
        mojo.init = List.of(module.resolve("init.sql").toFile());
        mojo.lockTimeout = "5s";
        mojo.statementTimeout = "2m";
        mojo.migrationsAs = "app_migrator";
        mojo.superuserMigrations = true;
        mojo.user = "shop_reader";
        mojo.password = "secret";
        mojo.scratchUrl = "jdbc:postgresql://localhost/postgres";
        mojo.versionTable = "schema_om";
        mojo.schemas = List.of("public");
        mojo.ignore = List.of("*#grants");
        mojo.strictColumnOrder = true;
        mojo.matchConstraintsByDefinition = true;
        mojo.model = "snapshot:schema.txt";
        mojo.reportDirectory = module.resolve("target/migrationtest").toFile();
        return mojo;
    }

    private String[] arguments(StatusMojo mojo) {
        ProjectPaths paths = new ProjectPaths(module.toFile(), module.toFile());
        CommandLineArguments arguments = new CommandLineArguments(mojo.command());
        mojo.sourceArguments(arguments, paths);
        mojo.arguments(arguments, paths);
        return arguments.toArray();
    }

    private static ParseResult parse(String[] arguments) {
        ParseResult parsed = new CommandLine(new Main()).parseArgs(arguments).subcommand();
        assertThat(parsed.commandSpec().name()).isEqualTo("status");
        return parsed;
    }
}
