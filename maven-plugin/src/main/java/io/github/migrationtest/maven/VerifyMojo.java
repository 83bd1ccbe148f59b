package io.github.migrationtest.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code migrationtest:verify}: every revision up, down and up again, proven by snapshots, as
 * {@code migrationtest verify}; the build fails when a check fails. Reports go to
 * {@code target/migrationtest/}.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class VerifyMojo extends ComparingMojo {

    /** The minimum downgrade revision: older revisions are upgraded but not round-tripped. */
    @Parameter(property = "migrationtest.floor")
    String floor;

    /** Revisions that cannot be undone, each as {@code <revision>=<reason>}. */
    @Parameter
    List<String> irreversible;

    /** Revisions to upgrade but not check. */
    @Parameter(property = "migrationtest.skipRevisions")
    List<String> skipRevisions;

    /** The team's convention for migration file names: a file whose name does not match fails HISTORY_IS_LINEAR. */
    @Parameter(property = "migrationtest.fileNamePattern")
    String fileNamePattern;

    /** Schemas (or globs) the migrations must leave alone, up and down: no DDL, no rows written. */
    @Parameter(property = "migrationtest.protect")
    List<String> protect;

    /** Safety findings that fail the build (default: none, reported only), comma-separated, or {@code all}. */
    @Parameter(property = "migrationtest.failOn")
    String failOn;

    /** Do not measure each statement's locks, rewrites and scans (no safety findings). */
    @Parameter(property = "migrationtest.noSafety", defaultValue = "false")
    boolean noSafety;

    /** Do not lint the head schema with SchemaCrawler (no LINT_ findings). */
    @Parameter(property = "migrationtest.noLint", defaultValue = "false")
    boolean noLint;

    /**
     * When the log shows a statement still running: after this long, then at growing intervals
     * (default 10s; docs/progress.md).
     */
    @Parameter(property = "migrationtest.progressInterval")
    String progressInterval;

    /** The checks to run (default: all; HEAD_MATCHES_MODEL only with a model). */
    @Parameter(property = "migrationtest.checks")
    List<String> checks;

    /** Read the whole schema for every snapshot instead of only what each step touched. */
    @Parameter(property = "migrationtest.wholeSnapshots", defaultValue = "false")
    boolean wholeSnapshots;

    /** How many databases walk parts of the history at once. */
    @Parameter(property = "migrationtest.jobs")
    Integer jobs;

    /** With a snapshot model: write the head schema to the file when it differs, instead of failing. */
    @Parameter(property = "migrationtest.updateSnapshot", defaultValue = "false")
    boolean updateSnapshot;

    /** Also write GitLab's Code Quality report (one issue per failure) to this file. */
    @Parameter(property = "migrationtest.gitlabCodeQuality")
    File gitlabCodeQuality;

    @Override
    String command() {
        return "verify";
    }

    @Override
    void arguments(CommandLineArguments arguments, ProjectPaths paths) {
        comparisonArguments(arguments, paths);
        arguments.option("--floor", floor)
                .repeated("--irreversible", irreversible)
                .repeated("--skip", skipRevisions)
                .option("--file-name-pattern", fileNamePattern)
                .repeated("--protect", protect)
                .option("--fail-on", failOn)
                .flag("--no-safety", noSafety)
                .flag("--no-lint", noLint)
                .option("--progress-interval", progressInterval)
                .option("--checks", checks == null || checks.isEmpty() ? null : String.join(",", checks))
                .flag("--whole-snapshots", wholeSnapshots)
                .option("--jobs", jobs)
                .flag("--update-snapshot", updateSnapshot)
                .option("--gitlab-codequality", gitlabCodeQuality);
        reportArguments(arguments, "migrationtest", "migrationtest");
    }
}
