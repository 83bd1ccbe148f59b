package io.github.migrationtest.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that compare schemas share with the command line's {@code ComparisonArguments}: which
 * schemas, what to ignore, what counts as a difference, the model; and where the reports go.
 */
abstract class ComparingMojo extends CommandLineMojo {

    /** A schema to include (default: all but system schemas). */
    @Parameter(property = "migrationtest.schemas")
    List<String> schemas;

    /** Differences to ignore, by path glob: {@code public.audit_*}, {@code *.updated_at}, {@code *#grants}. */
    @Parameter(property = "migrationtest.ignore")
    List<String> ignore;

    /** Count a different column order as a difference, not just report it. */
    @Parameter(property = "migrationtest.strictColumnOrder", defaultValue = "false")
    boolean strictColumnOrder;

    /** Pair constraints and indexes that differ only in name and report them as renames. */
    @Parameter(property = "migrationtest.matchConstraintsByDefinition", defaultValue = "false")
    boolean matchConstraintsByDefinition;

    /**
     * The model to compare with: {@code snapshot:<file>}, {@code sql:<file>}, {@code jpa:<package-or-unit>}
     * (the project's entities, with the project's Hibernate), {@code alembic} or
     * {@code sqlalchemy:<module>:<attr>}.
     */
    @Parameter(property = "migrationtest.model")
    String model;

    /** Where the JSON, JUnit XML and Markdown reports are written. */
    @Parameter(property = "migrationtest.reportDirectory", defaultValue = "${project.build.directory}/migrationtest")
    File reportDirectory;

    /** The comparison options, as {@code --schema}, {@code --ignore}, ... of the command line. */
    void comparisonArguments(CommandLineArguments arguments, ProjectPaths paths) {
        arguments.repeated("--schema", schemas)
                .repeated("--ignore", ignore)
                .flag("--strict-column-order", strictColumnOrder)
                .flag("--match-constraints-by-definition", matchConstraintsByDefinition)
                .option("--model", paths.model(model));
    }

    /** The three reports under {@link #reportDirectory}, named {@code <base>.json}, {@code TEST-<base>.xml}, {@code <base>.md}. */
    void reportArguments(CommandLineArguments arguments, String base, String junitBase) {
        arguments.option("--json", new File(reportDirectory, base + ".json"))
                .option("--junit-xml", new File(reportDirectory, "TEST-" + junitBase + ".xml"))
                .option("--markdown", new File(reportDirectory, base + ".md"));
    }
}
