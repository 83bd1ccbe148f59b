package io.github.migrationtest.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code migrationtest:status}: which revision a live database is at and whether it drifted from it,
 * as {@code migrationtest status}. The live database is only read. Here {@code postgresUrl}
 * ({@code -Dmigrationtest.postgres.url}) is the live database; the revision is built on a disposable
 * one (embedded, or {@code scratchUrl}). Bound to no phase: run it when asked,
 * {@code mvn migrationtest:status -Dmigrationtest.postgres.url=jdbc:postgresql://dev/shop}. The build
 * fails when the database is behind or drifted.
 */
@Mojo(name = "status", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class StatusMojo extends CommandLineMojo {

    /** The live database's user (default: the URL's). */
    @Parameter(property = "migrationtest.live.user")
    String user;

    /** The live database's password (default: the URL's, then {@code PGPASSWORD}). */
    @Parameter(property = "migrationtest.live.password")
    String password;

    /** An existing server to build the revision on, instead of a disposable Postgres. */
    @Parameter(property = "migrationtest.scratchUrl")
    String scratchUrl;

    /** The migration tool's table of applied versions, when it has another name than the tool's default. */
    @Parameter(property = "migrationtest.versionTable")
    String versionTable;

    /** A schema to compare (default: all but system schemas). */
    @Parameter(property = "migrationtest.schemas")
    List<String> schemas;

    /** Differences to ignore, by path glob (grants given by operations: {@code *#grants}). */
    @Parameter(property = "migrationtest.ignore")
    List<String> ignore;

    /** Count a different column order as drift, not just report it. */
    @Parameter(property = "migrationtest.strictColumnOrder", defaultValue = "false")
    boolean strictColumnOrder;

    /** Pair constraints and indexes that differ only in name and report them as renames. */
    @Parameter(property = "migrationtest.matchConstraintsByDefinition", defaultValue = "false")
    boolean matchConstraintsByDefinition;

    /** Also compare the live schema with the model: as the verify goal's {@code model}. */
    @Parameter(property = "migrationtest.model")
    String model;

    /** Where the JSON, JUnit XML and Markdown status reports are written. */
    @Parameter(property = "migrationtest.reportDirectory", defaultValue = "${project.build.directory}/migrationtest")
    File reportDirectory;

    @Override
    String command() {
        return "status";
    }

    @Override
    String failed() {
        return "the live database is not in sync with the history";
    }

    @Override
    void arguments(CommandLineArguments arguments, ProjectPaths paths) {
        arguments.option("--user", user)
                .option("--password", password)
                .option("--scratch-url", scratchUrl)
                .option("--version-table", versionTable)
                .repeated("--schema", schemas)
                .repeated("--ignore", ignore)
                .flag("--strict-column-order", strictColumnOrder)
                .flag("--match-constraints-by-definition", matchConstraintsByDefinition)
                .option("--model", paths.model(model))
                .option("--json", new File(reportDirectory, "status.json"))
                .option("--junit-xml", new File(reportDirectory, "TEST-migrationtest-status.xml"))
                .option("--markdown", new File(reportDirectory, "status.md"));
    }
}
