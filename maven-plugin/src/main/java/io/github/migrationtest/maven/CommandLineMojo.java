package io.github.migrationtest.maven;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares with the command line's {@code SourceArguments}: the history, how to read it,
 * and which Postgres to run it on. A goal adds its command's own options in {@link #arguments} (a
 * {@code status} goal, once the command line has that command, is one more subclass).
 */
abstract class CommandLineMojo extends AbstractMojo {

    /** Skip the goal. */
    @Parameter(property = "migrationtest.skip", defaultValue = "false")
    boolean skip;

    /**
     * The history: a folder of SQL files, a Flyway location ({@code filesystem:} or {@code classpath:}, the
     * latter on the project's class path), a Liquibase changelog or an Alembic project. Relative paths are
     * read from the module's folder. Left out, the command line looks for the history itself, in the
     * module's folder.
     */
    @Parameter(property = "migrationtest.location")
    String location;

    /** {@code sql}, {@code flyway}, {@code liquibase} or {@code alembic}; detected when left out. */
    @Parameter(property = "migrationtest.type")
    String type;

    /** SQL files in another naming scheme: a regex with the named groups version, name and direction. */
    @Parameter(property = "migrationtest.pattern")
    String pattern;

    /** Spring Boot: the profiles whose {@code application-<profile>.*} files are read when no location is given. */
    @Parameter(property = "migrationtest.spring.profiles")
    String springProfiles;

    /** Liquibase: the folders include, includeAll and loadData paths are looked up in. */
    @Parameter(property = "migrationtest.searchPath")
    List<File> searchPath;

    /** Liquibase: the contexts expression. */
    @Parameter(property = "migrationtest.contexts")
    String contexts;

    /** Liquibase: the label filter expression. */
    @Parameter(property = "migrationtest.labels")
    String labels;

    /** Flyway: placeholder values ({@code <placeholders><prefix>app</prefix></placeholders>}), as {@code --placeholder}. */
    @Parameter
    Map<String, String> placeholders;

    /** Liquibase: changelog parameter values ({@code <parameters><table>things</table></parameters>}), as {@code --parameter}. */
    @Parameter
    Map<String, String> parameters;

    /** Flyway: a {@code flyway.conf} or {@code flyway.toml} to read (default: the module's own, when it has one). */
    @Parameter(property = "migrationtest.flywayConfig")
    File flywayConfig;

    /** Liquibase: a defaults file to read (default: the module's {@code liquibase.properties}, when it has one). */
    @Parameter(property = "migrationtest.defaultsFile")
    File defaultsFile;

    /** Alembic: the Python that has the project's Alembic, SQLAlchemy and driver. */
    @Parameter(property = "migrationtest.alembic.python")
    String python;

    /** Alembic: {@code minimal}, or another env.py to run instead of the project's. */
    @Parameter(property = "migrationtest.alembic.env")
    String alembicEnv;

    /** Alembic: the section of {@code alembic.ini} to read, as {@code alembic --name}. */
    @Parameter(property = "migrationtest.alembic.name")
    String alembicName;

    /** Alembic: values for env.py's {@code context.get_x_argument()}, as {@code alembic -x} ({@code <alembicX><x>tenant=acme</x></alembicX>}). */
    @Parameter(property = "migrationtest.alembic.x")
    List<String> alembicX;

    /** Where Postgres comes from: {@code auto}, {@code embedded}, {@code testcontainers} or {@code server}. */
    @Parameter(property = "migrationtest.postgres.backend")
    String backend;

    /** The Postgres major version (default 17). */
    @Parameter(property = "migrationtest.postgres.version")
    Integer postgresVersion;

    /** An existing server to create the disposable databases on (a JDBC URL). */
    @Parameter(property = "migrationtest.postgres.url")
    String postgresUrl;

    /** SQL run before revision 1, for what the environment provides (extensions, roles). */
    @Parameter(property = "migrationtest.init")
    List<File> init;

    /** Postgres {@code lock_timeout} for each step, e.g. {@code 5s}. */
    @Parameter(property = "migrationtest.lockTimeout")
    String lockTimeout;

    /** Postgres {@code statement_timeout} for each step, e.g. {@code 2m}. */
    @Parameter(property = "migrationtest.statementTimeout")
    String statementTimeout;

    /**
     * Run the migrations as this existing role instead of a role of the run's own (password: the key
     * {@code migrationtest.postgres.migrationsPassword} or {@code MIGRATIONTEST_POSTGRES_MIGRATIONS_PASSWORD}).
     */
    @Parameter(property = "migrationtest.postgres.migrationsAs")
    String migrationsAs;

    /** Run the migrations as the server's superuser: for histories that create roles, event triggers or untrusted extensions. */
    @Parameter(property = "migrationtest.postgres.superuserMigrations", defaultValue = "false")
    boolean superuserMigrations;

    /** Further command-line options, passed as they are (for options this goal has no parameter for yet). */
    @Parameter
    List<String> options;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    /** The command and its own options, after the source and Postgres options. */
    abstract void arguments(CommandLineArguments arguments, ProjectPaths paths);

    abstract String command();

    /** What the command's exit code 1 means, for the build's failure message. */
    String failed() {
        return "a check failed";
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("migrationtest: skipped (migrationtest.skip)");
            return;
        }
        ProjectPaths paths = new ProjectPaths(project.getBasedir());
        CommandLineArguments arguments = new CommandLineArguments(command());
        sourceArguments(arguments, paths);
        arguments(arguments, paths);
        arguments.verbatim(options);
        getLog().debug("migrationtest " + String.join(" ", arguments.toList()));
        CommandLineRun.Result result;
        try {
            result = new CommandLineRun(getLog()::info, getLog()::warn).run(classPath(), arguments.toArray());
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            throw new MojoExecutionException("migrationtest could not run: " + e, e);
        }
        Verdicts.throwIfNotPassed(result, failed());
    }

    void sourceArguments(CommandLineArguments arguments, ProjectPaths paths) {
        arguments.positional(paths.location(location))
                .option("--type", type)
                .option("--pattern", pattern)
                .option("--spring-profiles", springProfiles)
                .repeated("--search-path", searchPath)
                .option("--contexts", contexts)
                .option("--labels", labels)
                .pairs("--placeholder", placeholders)
                .pairs("--parameter", parameters)
                .option("--flyway-config", paths.toolConfig(flywayConfig, "flyway.toml", "flyway.conf"))
                .option("--defaults-file", paths.toolConfig(defaultsFile, "liquibase.properties"))
                .option("--python", python)
                .option("--alembic-env", paths.alembicEnv(alembicEnv))
                .option("--alembic-name", alembicName)
                .repeated("--alembic-x", alembicX)
                .option("--backend", backend)
                .option("--postgres", postgresVersion)
                .option("--postgres-url", postgresUrl)
                .repeated("--init", init)
                .option("--lock-timeout", lockTimeout)
                .option("--statement-timeout", statementTimeout)
                .option("--migrations-as", migrationsAs)
                .flag("--superuser-migrations", superuserMigrations);
    }

    private VerifierClassPath classPath() {
        List<Artifact> pluginArtifacts = new ArrayList<>();
        pluginArtifacts.add(plugin.getPluginArtifact()); // its simplelogger.properties keeps the verifier quiet
        pluginArtifacts.addAll(plugin.getArtifacts());
        List<File> outputs = List.of(new File(project.getBuild().getTestOutputDirectory()),
                new File(project.getBuild().getOutputDirectory()));
        return VerifierClassPath.of(pluginArtifacts, outputs, project.getArtifacts());
    }
}
