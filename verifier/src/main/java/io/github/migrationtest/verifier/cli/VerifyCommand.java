package io.github.migrationtest.verifier.cli;

import io.github.migrationtest.verifier.HistoryWarnings;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.ci.CiFailure;
import io.github.migrationtest.verifier.ci.GitLabCodeQuality;
import io.github.migrationtest.verifier.safety.SafetyOptions;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.lint.SchemaLint;
import io.github.migrationtest.verifier.model.ModelContext;
import io.github.migrationtest.verifier.model.ModelFile;
import io.github.migrationtest.verifier.model.Models;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.model.SnapshotFileModel;
import io.github.migrationtest.verifier.model.SqlFileModel;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.FailureText;
import io.github.migrationtest.verifier.report.JUnitXmlReport;
import io.github.migrationtest.verifier.report.JsonReport;
import io.github.migrationtest.verifier.report.MarkdownReport;
import io.github.migrationtest.verifier.report.LintSection;
import io.github.migrationtest.verifier.report.SafetySection;
import io.github.migrationtest.verifier.report.Summary;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code migrationtest verify}: every revision up, down and up again, proven by snapshots. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify that every revision's downgrade restores the schema and its upgrade reproduces it.")
final class VerifyCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    SourceArguments source;

    @Mixin
    ComparisonArguments comparison;

    @Option(names = "--floor", paramLabel = "<revision>",
            description = "The minimum downgrade revision: older revisions are upgraded but not round-tripped.")
    String floor;

    @Option(names = "--irreversible", paramLabel = "<revision>=<reason>",
            description = "A revision that cannot be undone, with the reason. Repeatable.")
    Map<String, String> irreversible = new LinkedHashMap<>();

    @Option(names = "--skip", paramLabel = "<revision>", description = "A revision to upgrade but not check. Repeatable.")
    List<String> skipped = new ArrayList<>();

    @Option(names = "--file-name-pattern", paramLabel = "<regex>",
            description = "The team's convention for migration file names, e.g. '\\d{8}_\\d{6}_\\w+\\.py': a revision's file"
                    + " whose name does not match it whole fails HISTORY_IS_LINEAR.")
    String fileNamePattern;

    @Option(names = "--checks", paramLabel = "<CHECK,...>", split = ",",
            description = "The checks to run (default: all; HEAD_MATCHES_MODEL only with --model,"
                    + " PROTECTED_SCHEMAS_UNTOUCHED only with --protect): ${COMPLETION-CANDIDATES}.")
    List<Check> checks = new ArrayList<>();

    @Option(names = "--whole-snapshots", description = "Read the whole schema for every snapshot instead of only what"
            + " each step's DDL touched (slower; for histories that REASSIGN OWNED or update catalogs directly).")
    boolean wholeSnapshots;

    @Option(names = {"-j", "--jobs"}, paramLabel = "<n>",
            description = "How many databases walk parts of the history at once (default: one per processor, at most 4,"
                    + " and one per 20 revisions; 1 walks it on one database).")
    Integer jobs;

    @Option(names = "--model", paramLabel = "snapshot:<file>|sql:<file>|jpa:<package-or-unit>|alembic|sqlalchemy:<module>:<attr>",
            description = "The schema head must match (check HEAD_MATCHES_MODEL): a snapshot file, a reference"
                    + " schema.sql, JPA entities (needs Hibernate on the class path), the target_metadata of the Alembic"
                    + " project's env.py, or SQLAlchemy MetaData or a declarative base (imported by --python).")
    String model;

    @Option(names = "--update-snapshot",
            description = "With --model snapshot:<file>: write the head schema to the file when it differs (creating it),"
                    + " instead of failing; review the change in version control.")
    boolean updateSnapshot;

    @Option(names = "--protect", paramLabel = "<schema-or-glob>",
            description = "A schema the migrations must leave alone, both ways (check PROTECTED_SCHEMAS_UNTOUCHED): no"
                    + " DDL in it, no rows written to its tables. Names or globs (legacy, billing_*), comma-separated"
                    + " or repeated; it usually exists through an --init script.")
    List<String> protect = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "<FINDING,...>",
            description = "Safety findings that fail the verification (default: none; reported only), or 'all'."
                    + " A file's -- migrationtest:allow <FINDING> <reason> comment accepts one. See docs/safety.md.")
    String failOn;

    @Option(names = "--no-safety", description = "Do not measure each statement's locks, rewrites and scans,"
            + " nor the data a step drops (no safety findings).")
    boolean noSafety;

    @Option(names = "--no-lint", description = "Do not lint the head schema with SchemaCrawler (no LINT_ findings).")
    boolean noLint;

    @Mixin
    ReportFiles reportFiles;

    @Option(names = "--gitlab-codequality", paramLabel = "<file>",
            description = "Write the failures as a GitLab Code Quality report (artifacts: reports: codequality).")
    Path gitlabCodeQuality;

    @Option(names = "--progress-interval", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How long a statement runs before a log (not a terminal) shows it, with how long it has run;"
                    + " it is shown again after 3, 6, 12 and 30 times that, then every 30 times (default: 10s)."
                    + " A terminal shows it on the live line after 3 s.")
    java.time.Duration progressInterval = ConsoleProgress.DEFAULT_INTERVAL;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrationSource history;
        VerificationReport report;
        // The server starts while the history, the options and the model are read (ServerStart).
        try (ServerStart starting = ServerStart.begin(out, source::startPostgres, this::warmUp)) {
            history = source.openSource();
            source.settingsLines().forEach(out::println);
            if (history.revisions().isEmpty()) {
                history.findings().forEach(err::println);
                err.println(SourceArguments.noRevisions(history, "verify"));
                err.flush();
                return Main.COULD_NOT_RUN;
            }
            VerifierOptions options = options(schemaModel());
            HistoryWarnings.forRun(history.findings(), history.revisions(), options).forEach(err::println);
            err.flush();
            report = verify(history, options, starting);
        }
        return reported(history, report);
    }

    private VerificationReport verify(MigrationSource history, VerifierOptions options, ServerStart starting) {
        PrintWriter out = spec.commandLine().getOut();
        Interruption interruption = Main.interruption();
        ConsoleProgress progress = new ConsoleProgress(out, ConsoleOut.isTerminal(out), interruption::happened,
                progressInterval);
        interruption.whereFrom(progress::where);
        PostgresServer server = starting.take(); // closed with starting
        interruption.guard(server);
        int revisions = history.revisions().size();
        out.println("Verifying " + revisions + (revisions == 1 ? " revision of " : " revisions of ") + history.location()
                + " on " + server.description());
        server.notices().forEach(out::println);
        try (var watch = progress.watch(server)) {
            return new Verifier(history, options).verify(server, progress);
        }
    }

    /**
     * The schema lint once on a scratch database, while the history is read (SchemaLint.warmUp); not with
     * --no-lint, nor on one processor, where it would only take turns with the walk. Measured whole process on 2
     * cores: 0.94x keto, 0.95x vaultwarden, no change on one revision or plume (their walk or the lint waits).
     */
    private void warmUp(PostgresServer server) {
        if (noLint || Runtime.getRuntime().availableProcessors() < 2 || !SchemaLint.available()) {
            return;
        }
        try (DisposableDatabase scratch = server.createDatabase(); Connection connection = scratch.connect()) {
            SchemaLint.warmUp(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("No lint warm-up: {}", e.toString());
        }
    }

    private int reported(MigrationSource history, VerificationReport report) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Main.interruption().happened()) {
            return Main.interrupted(err); // the report holds failures the interruption caused: no verdict
        }
        out.println();
        out.print(Summary.table(report));
        out.print(SafetySection.console(report));
        out.print(LintSection.console(report));
        printFailures(out, report);
        printWhenNoRevisionHasADowngrade(out, history, report);
        List<CiFailure> ciFailures = CiOutput.failures(report, history);
        CiOutput.annotate(out, ciFailures);
        out.flush();
        writeReports(report);
        ReportFiles.write(gitlabCodeQuality, () -> GitLabCodeQuality.render(ciFailures, CiOutput.shown(history.location())));
        return report.passed() ? 0 : Main.FAILED;
    }

    private VerifierOptions options(Optional<SchemaModel> schemaModel) {
        // Both read and compare only these schemas: a snapshot file model may hold others (none given: all).
        String[] schemaNames = comparison.schemaNames();
        DiffOptions diff = comparison.diffOptions();
        VerifierOptions options = VerifierOptions.defaults()
                .withFloor(floor)
                .withIrreversible(irreversible)
                .withSkipped(Set.copyOf(skipped))
                .withInitScripts(source.initScripts)
                .withSnapshot(SnapshotOptions.defaults().withSchemas(schemaNames).withIncremental(!wholeSnapshots)
                        .withAlsoExcludedTables(source.historyTables()))
                .withDiff(diff)
                .withFileNamePattern(fileNamePattern)
                .withProtect(protect);
        if (schemaModel.isPresent()) {
            options = options.withModel(schemaModel.get()).withSnapshotUpdate(updateSnapshot);
        }
        if (!checks.isEmpty()) {
            options = options.withChecks(EnumSet.copyOf(checks));
        }
        if (jobs != null) {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs must be 1 or more, was " + jobs
                        + "; leave it out to have one per processor");
            }
            options = options.withJobs(jobs);
        }
        if (failOn != null && noSafety) {
            throw new IllegalArgumentException("--fail-on needs safety measured; leave out --no-safety");
        }
        SafetyOptions safety = SafetyOptions.defaults().withMeasure(!noSafety).withLint(!noLint);
        if (failOn != null) {
            try {
                safety = safety.withFailOn(SafetyOptions.parseFindings(failOn));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fail-on: " + e.getMessage());
            }
        }
        return options.withSafety(safety);
    }

    /**
     * The model, checked as far as it can be before Postgres starts: a model file that cannot be used
     * means the run could not judge the head schema, so it stops here (exit 2) rather than after the walk.
     */
    private Optional<SchemaModel> schemaModel() {
        if (model == null) {
            if (updateSnapshot) {
                throw new IllegalArgumentException("--update-snapshot needs --model snapshot:<file>, the file it writes");
            }
            return Optional.empty();
        }
        ModelContext context = new ModelContext(ModelFile::at, VerifyCommand.class.getClassLoader(), source.initScripts,
                file -> "run this command again with --update-snapshot, or write the file with: migrationtest snapshot "
                        + source.location + " --out " + file.name())
                .withHistory(source.location, source.alembicOptions());
        SchemaModel parsed = Models.parse(model, context);
        if (updateSnapshot && !(parsed instanceof SnapshotFileModel)) {
            throw new IllegalArgumentException("--update-snapshot writes a snapshot file, but --model " + model
                    + " is not one; give --model snapshot:<file>, or leave --update-snapshot out");
        }
        if (parsed instanceof SnapshotFileModel file && !updateSnapshot) {
            file.read();
        }
        if (parsed instanceof SqlFileModel file) {
            file.script();
        }
        return Optional.of(parsed);
    }

    private static void printFailures(PrintWriter out, VerificationReport report) {
        FailureText.forEachFailure(report, (subject, result) -> {
            out.println();
            out.println(FailureText.render(subject, result));
        });
    }

    /**
     * One line for a history without any downgrade (Flyway Community has no undo, sqlx's simple migrations none),
     * whose every round trip failed for that: the failures each name their revision, this names the way out.
     */
    private static void printWhenNoRevisionHasADowngrade(PrintWriter out, MigrationSource history,
                                                         VerificationReport report) {
        List<Revision> revisions = history.revisions();
        boolean downgradesFailed = report.results().anyMatch(result -> result.check() == Check.DOWNGRADE_RESTORES_SCHEMA
                && result.outcome() == Outcome.FAILED);
        if (revisions.size() > 1 && downgradesFailed && revisions.stream().noneMatch(Revision::hasDowngrade)) {
            out.println();
            out.println("None of the " + revisions.size() + " revisions has a downgrade, so each round trip fails."
                    + " To verify only that the upgrades apply (with their safety findings), run with --checks"
                    + " HISTORY_IS_LINEAR,UPGRADES_APPLY (key migrationtest.checks); to verify downgrades, write them.");
        }
    }

    private void writeReports(VerificationReport report) throws IOException {
        reportFiles.write(
                () -> JsonReport.render(report, source.reportedSettings()),
                () -> JUnitXmlReport.render(report), () -> MarkdownReport.render(report));
    }
}
