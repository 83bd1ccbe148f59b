package io.github.migrationtest.maven;

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
public class StatusMojo extends ComparingMojo {

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
                .option("--version-table", versionTable);
        comparisonArguments(arguments, paths);
        reportArguments(arguments, "status", "migrationtest-status");
    }
}
