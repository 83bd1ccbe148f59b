package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.postgres.Backend;
import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.alembic.AlembicSettings;
import io.github.migrationtest.verifier.source.config.ToolConfig;
import io.github.migrationtest.verifier.spring.SpringMigrationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both commands take: the history, how to read it, and which Postgres to run it on. */
final class SourceArguments {

    @Parameters(index = "0", arity = "0..1", paramLabel = "<location>",
            description = "The history: a folder of SQL files, a Flyway location (filesystem:/classpath:), a Liquibase changelog"
                    + " or an Alembic project (alembic.ini, or a folder with one). Left out or '.': the spring.flyway.* or"
                    + " spring.liquibase.* settings of the Spring Boot project here (src/main/resources/application.*).")
    String location;

    @Option(names = "--spring-profiles", paramLabel = "<profile>,...", split = ",",
            description = "Spring Boot: also read these profiles' application-<profile>.* (default: spring.profiles.active,"
                    + " SPRING_PROFILES_ACTIVE; key migrationtest.spring.profiles).")
    List<String> springProfiles = new ArrayList<>();

    /** The Spring Boot settings the history was opened with, when it was; set by {@link #openSource()}. */
    Optional<SpringMigrationSettings> spring = Optional.empty();

    /** Java migrations of the Spring Boot project that the command line leaves out, as a line to show; set by {@link #openSource()}. */
    private Optional<String> uncompiledMigrations = Optional.empty();

    @Option(names = "--type", paramLabel = "sql|flyway|liquibase|alembic", description = "The kind of history; detected when omitted.")
    String type;

    @Option(names = "--python", paramLabel = "<interpreter>",
            description = "Alembic: the Python that has the project's Alembic, SQLAlchemy and driver (default: python3 on the PATH;"
                    + " key migrationtest.alembic.python).")
    String python;

    @Option(names = "--alembic-env", paramLabel = "minimal|<env.py>",
            description = "Alembic: run this env.py instead of the project's, or 'minimal' for the verifier's own (the default"
                    + " version table, no model), when the project's env.py needs the whole application.")
    String alembicEnv;

    @Option(names = "--alembic-name", paramLabel = "<section>",
            description = "Alembic: the section of alembic.ini to read, as 'alembic --name' (default: alembic; key"
                    + " migrationtest.alembic.name).")
    String alembicName;

    @Option(names = "--alembic-x", paramLabel = "<value>",
            description = "Alembic: a value for env.py's context.get_x_argument(), as 'alembic -x' (for example"
                    + " tenant=acme). Repeatable; key migrationtest.alembic.x, comma-separated.")
    List<String> alembicX = new ArrayList<>();

    @Option(names = "--pattern", paramLabel = "<regex>",
            description = "SQL files in another naming scheme: a regex with the named groups version, name and direction.")
    String pattern;

    @Option(names = "--search-path", paramLabel = "<folder>,...", split = ",",
            description = "Liquibase: the folders include, includeAll and loadData paths are looked up in, as Liquibase's"
                    + " --search-path (default: the changelog's folder, then the src/<set>/resources folder it is in).")
    List<String> searchPath = new ArrayList<>();

    @Option(names = {"--contexts", "--context-filter"}, paramLabel = "<expression>",
            description = "Liquibase: run only the changesets these contexts select, as Liquibase's --contexts (default: all).")
    String contexts;

    @Option(names = {"--labels", "--label-filter"}, paramLabel = "<expression>",
            description = "Liquibase: run only the changesets this label expression selects, as Liquibase's --label-filter"
                    + " (default: all).")
    String labels;

    @Option(names = "--placeholder", paramLabel = "<name>=<value>",
            description = "Flyway: a placeholder's value (${name} in the scripts, U scripts too). Repeatable; wins over"
                    + " flyway.conf / flyway.toml and FLYWAY_PLACEHOLDERS_<NAME>. See docs/flyway.md.")
    List<String> placeholders = new ArrayList<>();

    @Option(names = "--parameter", paramLabel = "<name>=<value>",
            description = "Liquibase: a changelog parameter's value (${name} in changesets), as Liquibase's -D<name>=<value>."
                    + " Repeatable; wins over parameter.<name> in liquibase.properties. See docs/liquibase.md.")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--flyway-config", paramLabel = "<file>",
            description = "Flyway: read this flyway.conf or flyway.toml instead of the ones in the working directory.")
    Path flywayConfig;

    @Option(names = "--defaults-file", paramLabel = "<file>",
            description = "Liquibase: read this file instead of liquibase.properties in the working directory.")
    Path defaultsFile;

    /** The tool's own configuration the history was opened with, when any applied; set by {@link #openSource()}. */
    Optional<ToolConfig> toolConfig = Optional.empty();

    @Option(names = "--backend", paramLabel = "auto|embedded|testcontainers|server", description = "Where Postgres comes from (default: auto).")
    String backend;

    @Option(names = "--postgres", paramLabel = "<major>", description = "The Postgres major version (default: 17).")
    Integer major;

    @Option(names = "--postgres-url", paramLabel = "<jdbc-url>", description = "An existing server to create the databases on.")
    String url;

    @Option(names = "--init", paramLabel = "<sql-file>",
            description = "SQL run before revision 1, for what the environment provides (extensions, roles; a role"
                    + " the server has is kept). Repeatable.")
    List<Path> initScripts = new ArrayList<>();

    @Option(names = "--lock-timeout", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Postgres lock_timeout for each step, e.g. 5s.")
    Duration lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "Postgres statement_timeout for each step, e.g. 2m: a hanging migration fails instead of hanging.")
    Duration statementTimeout;

    @Option(names = "--migrations-as", paramLabel = "<role>",
            description = "Run the migrations as this existing role (its password: key migrationtest.postgres.migrationsPassword)"
                    + " instead of a role of the run's own without superuser.")
    String migrationsAs;

    @Option(names = "--superuser-migrations",
            description = "Run the migrations as the server's user (usually a superuser), for a history that needs untrusted"
                    + " extensions, event triggers, roles or ALTER SYSTEM.")
    boolean superuserMigrations;

    MigrationSource openSource() {
        SourceOptions options = SourceOptions.defaults();
        if (type != null) {
            options = options.withType(SourceType.parse(type));
        }
        if (pattern != null) {
            options = options.withFilePattern(pattern);
        }
        if (lockTimeout != null) {
            options = options.withLockTimeout(lockTimeout);
        }
        if (statementTimeout != null) {
            options = options.withStatementTimeout(statementTimeout);
        }
        SourceOptions.AlembicOptions alembic = alembicOptions();
        options = options.withLiquibaseSearchPath(searchPath).withLiquibaseContexts(contexts).withLiquibaseLabels(labels)
                .withAlembicPython(alembic.python()).withAlembicEnv(alembic.env()).withAlembicName(alembic.name())
                .withAlembicX(alembic.x());
        ToolConfigFiles tools = new ToolConfigFiles(flywayConfig, defaultsFile, placeholders, parameters);
        boolean locationGiven = location != null;
        Optional<String> named = location == null ? tools.namedLocation() : Optional.empty();
        location = named.orElse(location);
        spring = named.isPresent() ? Optional.empty() : SpringProject.settings(location, springProfiles);
        if (spring.isPresent()) {
            uncompiledMigrations = SpringProject.uncompiledJavaMigrations(location, spring.get());
            // What the command line says wins over the application's settings.
            options = spring.get().applyTo(options);
            options = contexts == null ? options : options.withLiquibaseContexts(contexts);
            options = labels == null ? options : options.withLiquibaseLabels(labels);
            options = type == null ? options : options.withType(SourceType.parse(type));
            location = spring.get().location();
        }
        toolConfig = tools.config(tools.detect(location, options, spring.isPresent(), locationGiven), location, spring.isPresent(),
                locationGiven);
        if (toolConfig.isPresent()) {
            // The tool's files, then the command line's options of the same names.
            options = toolConfig.get().applyTo(options);
            options = contexts == null ? options : options.withLiquibaseContexts(contexts);
            options = labels == null ? options : options.withLiquibaseLabels(labels);
        }
        return MigrationSources.open(location, options);
    }

    /** The history tables the settings rename (Spring Boot's or Flyway's own): bookkeeping, left out of snapshots. */
    String[] historyTables() {
        return Stream.concat(spring.flatMap(SpringMigrationSettings::historyTable).stream(),
                toolConfig.flatMap(ToolConfig::historyTable).stream()).toArray(String[]::new);
    }

    /** The settings read (Spring Boot's, the tool's own), each with where it came from, for the JSON report. */
    List<io.github.migrationtest.verifier.report.ReportedSetting> reportedSettings() {
        return Stream.concat(spring.map(SpringMigrationSettings::settings).orElse(List.of()).stream(),
                toolConfig.map(ToolConfig::settings).orElse(List.of()).stream()).toList();
    }

    /** The lines that say which settings were read, and from where. */
    Stream<String> settingsLines() {
        return Stream.of(spring.map(SpringMigrationSettings::describe).stream(), uncompiledMigrations.stream(),
                toolConfig.map(ToolConfig::describe).stream()).flatMap(lines -> lines);
    }

    /** What stops a command when the history read no revision: its errors, or nothing to read. */
    static String noRevisions(MigrationSource history, String nothingTo) {
        return "migrationtest: " + (history.hasErrors() ? "the errors above leave no revision to read" : "no revision could be read")
                + " from " + history.location() + "; nothing to " + nothingTo;
    }

    /** The Alembic settings: the options given, else the keys (system property, environment variable). */
    SourceOptions.AlembicOptions alembicOptions() {
        return new SourceOptions.AlembicOptions(
                python != null ? python : AlembicSettings.fromEnvironment(AlembicSettings.PYTHON_KEY).orElse(null),
                alembicEnv != null ? alembicEnv : AlembicSettings.fromEnvironment(AlembicSettings.ENV_KEY).orElse(null),
                alembicName != null ? alembicName : AlembicSettings.fromEnvironment(AlembicSettings.NAME_KEY).orElse(null),
                !alembicX.isEmpty() ? alembicX : AlembicSettings.fromEnvironment(AlembicSettings.X_KEY)
                        .map(AlembicSettings::values).orElse(List.of()));
    }

    /** Starts Postgres; a slow preparation (fetching a major's binaries) is told to {@code progress}. */
    PostgresServer startPostgres(Consumer<String> progress) {
        return startPostgres(progress, url);
    }

    /**
     * Starts Postgres on the server at {@code serverUrl} ({@code null}: the backends as configured); for
     * {@code status}, whose {@code --postgres-url} is the live database, never a place to create databases.
     */
    PostgresServer startPostgres(Consumer<String> progress, String serverUrl) {
        PostgresSettings settings = PostgresSettings.fromEnvironment();
        if (backend != null) {
            settings = settings.withBackend(Backend.parse("--backend", backend));
        }
        if (major != null) {
            settings = settings.withMajorVersion(major);
        }
        if (serverUrl != null) {
            settings = settings.withServer(serverUrl, settings.serverUser().orElse(null),
                    settings.serverPassword().orElse(null));
        }
        if (superuserMigrations && migrationsAs != null) {
            throw new IllegalArgumentException("--superuser-migrations and --migrations-as " + migrationsAs
                    + " are both given: the migrations run as one login. Give one of them");
        }
        if (superuserMigrations) {
            settings = settings.withMigrations(MigrationLogin.SERVER_USER);
        } else if (migrationsAs != null) {
            settings = settings.withMigrations(MigrationLogin.as(migrationsAs,
                    PostgresSettings.environmentValue(PostgresSettings.MIGRATIONS_PASSWORD).orElse(null)));
        }
        return PostgresServer.start(settings, progress);
    }
}
