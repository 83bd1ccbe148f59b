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

/** The goal's parameters are the command line's verify options, checked by the command line's own parser. */
class VerifyMojoArgumentsTest {

    /** Options the goal sets itself (reports under target/migrationtest) or that make no sense in a build. */
    private static final Set<String> NOT_PARAMETERS = Set.of("--json", "--junit-xml", "--markdown", "--help", "--version");

    @TempDir
    Path module;

    @Test
    void every_parameter_set_gives_arguments_the_command_line_accepts() {
        VerifyMojo mojo = everythingSet();

        String[] arguments = arguments(mojo);
        ParseResult parsed = parse(arguments);

        assertThat(parsed.unmatched()).isEmpty();
        assertThat(parsed.matchedPositional(0).<String>getValue()).isEqualTo(module.resolve("db/migrations").toString());
        assertThat(parsed.matchedOptionValue("--postgres", 0)).isEqualTo(16);
        assertThat(parsed.matchedOptionValue("--checks", List.of())).hasSize(2);
        assertThat(parsed.matchedOptionValue("--irreversible", java.util.Map.of()))
                .isEqualTo(java.util.Map.of("3", "drops data"));
        assertThat(parsed.matchedOptionValue("--model", "")).isEqualTo("snapshot:" + module.resolve("schema.txt"));
        assertThat(parsed.matchedOptionValue("--json", (Object) null).toString())
                .isEqualTo(module.resolve("target/migrationtest/migrationtest.json").toString());
        assertThat(parsed.hasMatchedOption("--strict-column-order")).isTrue();
        assertThat(parsed.matchedOptionValue("--placeholder", List.of())).isEqualTo(List.of("prefix=app"));
        assertThat(parsed.matchedOptionValue("--parameter", List.of())).isEqualTo(List.of("table=things"));
        assertThat(parsed.matchedOptionValue("--alembic-x", List.of())).isEqualTo(List.of("tenant=acme", "mode=verbose"));
        assertThat(parsed.matchedOptionValue("--flyway-config", (Object) null).toString())
                .isEqualTo(module.resolve("flyway.toml").toString());
    }

    @Test
    void a_module_s_own_flyway_toml_is_named_when_mvn_runs_in_another_folder() throws java.io.IOException {
        java.nio.file.Files.writeString(module.resolve("flyway.toml"), "[flyway.placeholders]\nprefix = \"app\"\n");
        ProjectPaths elsewhere = new ProjectPaths(module.toFile(), module.getParent().toFile());
        ProjectPaths here = new ProjectPaths(module.toFile(), module.toFile());

        assertThat(elsewhere.toolConfig(null, "flyway.toml", "flyway.conf")).isEqualTo(module.resolve("flyway.toml").toFile());
        assertThat(here.toolConfig(null, "flyway.toml", "flyway.conf")).as("the command line reads it itself").isNull();
        assertThat(elsewhere.toolConfig(null, "liquibase.properties")).isNull();
    }

    @Test
    void every_verify_option_of_the_command_line_is_set_by_some_parameter() {
        Set<String> offered = new TreeSet<>();
        verifyCommand().getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(name -> !NOT_PARAMETERS.contains(name)).forEach(offered::add);

        ParseResult parsed = parse(arguments(everythingSet()));
        Set<String> set = new TreeSet<>();
        parsed.matchedOptions().stream().map(OptionSpec::longestName).forEach(set::add);

        assertThat(set).as("a command-line option without a parameter of the goal: add one to VerifyMojo or"
                + " CommandLineMojo (or pass it through <options>)").containsAll(offered);
    }

    @Test
    void nothing_configured_in_the_folder_mvn_runs_in_gives_only_the_reports_and_no_location() {
        VerifyMojo mojo = new VerifyMojo();
        mojo.reportDirectory = module.resolve("target/migrationtest").toFile();

        assertThat(List.of(arguments(mojo))).containsExactly(
                "--json", module.resolve("target/migrationtest/migrationtest.json").toString(),
                "--junit-xml", module.resolve("target/migrationtest/TEST-migrationtest.xml").toString(),
                "--markdown", module.resolve("target/migrationtest/migrationtest.md").toString());
    }

    @Test
    void options_pass_through_as_they_are_after_the_parameters() {
        VerifyMojo mojo = new VerifyMojo();
        mojo.reportDirectory = module.toFile();
        mojo.location = "classpath:db/migration";
        mojo.options = List.of("--floor", "2");

        CommandLineArguments arguments = new CommandLineArguments("verify");
        mojo.sourceArguments(arguments, new ProjectPaths(module.toFile(), module.toFile()));
        mojo.arguments(arguments, new ProjectPaths(module.toFile(), module.toFile()));
        arguments.verbatim(mojo.options);

        assertThat(arguments.toList()).startsWith("verify", "classpath:db/migration").endsWith("--floor", "2");
    }

    private VerifyMojo everythingSet() {
        VerifyMojo mojo = new VerifyMojo();
        mojo.location = "db/migrations";
        mojo.type = "sql";
        mojo.pattern = "(?<version>\\d+)_(?<name>.+)\\.(?<direction>up|down)\\.sql";
        mojo.searchPath = List.of(module.resolve("changelog").toFile());
        mojo.contexts = "test";
        mojo.springProfiles = "test";
        mojo.gitlabCodeQuality = module.resolve("gl-code-quality-report.json").toFile();
        mojo.labels = "fast";
        mojo.placeholders = new java.util.LinkedHashMap<>(java.util.Map.of("prefix", "app"));
        mojo.parameters = java.util.Map.of("table", "things");
        mojo.flywayConfig = module.resolve("flyway.toml").toFile();
        mojo.defaultsFile = module.resolve("liquibase.properties").toFile();
        mojo.python = "/usr/bin/python3";
        mojo.alembicEnv = "minimal";
        mojo.alembicName = "main";
        mojo.alembicX = List.of("tenant=acme", "mode=verbose");
        mojo.backend = "embedded";
        mojo.postgresVersion = 16;
        mojo.postgresUrl = "jdbc:postgresql://localhost/postgres";
        mojo.init = List.of(module.resolve("init.sql").toFile());
        mojo.lockTimeout = "5s";
        mojo.statementTimeout = "2m";
        mojo.migrationsAs = "app_migrator";
        mojo.superuserMigrations = true;
        mojo.schemas = List.of("public");
        mojo.floor = "2";
        mojo.irreversible = List.of("3=drops data");
        mojo.skipRevisions = List.of("4");
        mojo.fileNamePattern = "\\d{4}_\\w+\\.sql";
        mojo.ignore = List.of("public.audit_*");
        mojo.protect = List.of("legacy");
        mojo.failOn = "TABLE_REWRITE";
        mojo.noSafety = true;
        mojo.noLint = true;
        mojo.progressInterval = "30s";
        mojo.strictColumnOrder = true;
        mojo.matchConstraintsByDefinition = true;
        mojo.checks = List.of("UPGRADES_APPLY", "DOWNGRADE_RESTORES_SCHEMA");
        mojo.wholeSnapshots = true;
        mojo.jobs = 2;
        mojo.model = "snapshot:schema.txt";
        mojo.updateSnapshot = true;
        mojo.reportDirectory = module.resolve("target/migrationtest").toFile();
        return mojo;
    }

    private String[] arguments(VerifyMojo mojo) {
        ProjectPaths paths = new ProjectPaths(module.toFile(), module.toFile());
        CommandLineArguments arguments = new CommandLineArguments(mojo.command());
        mojo.sourceArguments(arguments, paths);
        mojo.arguments(arguments, paths);
        List<String> all = arguments.toList();
        assertThat(all.get(0)).isEqualTo("verify");
        return all.subList(1, all.size()).toArray(String[]::new);
    }

    /** Parsed as the command line parses {@code migrationtest verify ...}: the verify command's part. */
    private static ParseResult parse(String[] verifyArguments) {
        String[] all = new String[verifyArguments.length + 1];
        all[0] = "verify";
        System.arraycopy(verifyArguments, 0, all, 1, verifyArguments.length);
        return new CommandLine(new Main()).parseArgs(all).subcommand();
    }

    private static CommandLine verifyCommand() {
        return new CommandLine(new Main()).getSubcommands().get("verify");
    }

}
