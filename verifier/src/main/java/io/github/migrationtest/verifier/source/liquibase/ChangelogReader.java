package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.ServerWideChanges;
import io.github.migrationtest.verifier.source.SourceOptions.LiquibaseOptions;
import io.github.migrationtest.verifier.source.SourceOptions.LiquibaseRevisions;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.formattedsql.FormattedSqlChangeLogParser;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/** Parses a changelog into revisions (one per changeset, or per tag), reporting what is wrong as findings. */
final class ChangelogReader {

    /** What Liquibase's formatted SQL parser says where it stops: the line, never the file. */
    private static final Pattern FORMATTED_SQL_AT_LINE = Pattern.compile("(?i)formatt.*\\bat line \\d+");

    private final ResourceAccessor accessor;
    private final Function<String, String> display;
    private final LiquibaseOptions options;
    private final List<HistoryFinding> findings = new ArrayList<>();
    private Optional<String> serverWideChange = Optional.empty();

    ChangelogReader(ResourceAccessor accessor, Function<String, String> display, LiquibaseOptions options) {
        this.accessor = accessor;
        this.display = display;
        this.options = options;
    }

    List<HistoryFinding> findings() {
        return findings;
    }

    /** Must run inside the Liquibase scope that holds the resource accessor. */
    List<ChangeSetUnit> read(String changelogFile, LiquibaseRevisions unit) {
        DatabaseChangeLog changelog;
        try {
            changelog = ChangeLogParserFactory.getInstance().getParser(changelogFile, accessor)
                    .parse(changelogFile, parameters(withSchemas(new PostgresDatabase(), options), options), accessor);
        } catch (LiquibaseException | RuntimeException e) {
            findings.add(unreadable(changelogFile, e));
            return List.of();
        } catch (StackOverflowError e) {
            // Liquibase follows includes without a guard: a changelog that includes itself recurses until the stack ends.
            findings.add(HistoryFinding.error(Kind.INVALID_CHANGELOG, display.apply(changelogFile),
                    "includes itself, directly or through a changelog it includes: Liquibase followed the includes"
                            + " without end", "remove the include (or includeAll) that leads back to it"));
            return List.of();
        }
        List<ChangeSet> changeSets = runOnPostgres(distinct(changelog.getChangeSets()));
        if (changeSets.isEmpty()) {
            findings.add(HistoryFinding.error(Kind.NO_MIGRATIONS, display.apply(changelogFile), "holds no changesets for Postgres"
                    + (options.contexts() == null && options.labels() == null ? "" : " with contexts " + options.contexts()
                            + " and labels " + options.labels()),
                    "add changesets, point at the master changelog, or check the contexts and labels"));
            return List.of();
        }
        findings.addAll(UndefinedParameters.in(changeSets, display));
        findings.addAll(ReferencedFiles.missing(changeSets, display));
        serverWideChange = changeSets.stream().flatMap(c -> serverWideChange(c).stream()).findFirst();
        return unit == LiquibaseRevisions.TAG ? byTag(changeSets) : byChangeSet(changeSets);
    }

    /** Why Liquibase could not parse the changelog, and what to do about it. */
    private HistoryFinding unreadable(String changelogFile, Exception e) {
        String file = display.apply(changelogFile);
        Optional<String> notFound = LiquibaseErrors.notOnSearchPath(e);
        if (notFound.isPresent()) {
            return HistoryFinding.error(Kind.INVALID_CHANGELOG, file, notFound.get(),
                    "give the folder its path is relative to with --search-path (key migrationtest.liquibase.searchPath;"
                            + " for a file from a dependency, a folder with a copy of it), or correct the include");
        }
        Optional<String> missingClass = LiquibaseErrors.missingClass(e);
        if (missingClass.isPresent()) {
            return HistoryFinding.error(Kind.INVALID_CHANGELOG, file, "needs the class " + missingClass.get()
                    + " (a customChange's, or one it uses), which is not on the class path",
                    "verify it with the application's classes on the class path: the Maven plugin and the JUnit"
                            + " extension put them there; on the command line, java -cp migrationtest.jar:<the"
                            + " application's class path> io.github.migrationtest.verifier.cli.Main verify ..."
                            + " (docs/liquibase.md, \"Custom changes\")");
        }
        Optional<LiquibaseErrors.SyntaxError> syntax = LiquibaseErrors.syntaxError(e);
        if (syntax.isPresent()) {
            // The file Liquibase stopped in: the changelog given, or one it includes.
            return HistoryFinding.error(Kind.INVALID_CHANGELOG, display.apply(syntax.get().file()), "cannot be parsed: line "
                    + syntax.get().line() + ", column " + syntax.get().column() + ": " + syntax.get().problem(),
                    "fix the changelog so Liquibase can read it");
        }
        Optional<String> formattedSql = formattedSqlStoppedIn(changelogFile, e);
        return HistoryFinding.error(Kind.INVALID_CHANGELOG, formattedSql.map(display).orElse(file), "cannot be parsed: "
                + LiquibaseErrors.message(e), "fix the changelog so Liquibase can read it");
    }

    /**
     * The formatted SQL changelog, included by the one given, that stopped Liquibase's parser: its messages give the
     * line ("Duplicate formatted SQL header at line 9") but not the file, so the finding named the master, which has
     * no such line (my-liquibase's includeAll of a folder with one file holding two headers). Each formatted SQL file
     * below the master's folder is parsed alone; the one that stops with the same message is it. Empty when none does
     * (an include from outside that folder): the master is named, as before.
     */
    private Optional<String> formattedSqlStoppedIn(String changelogFile, Exception e) {
        String message = LiquibaseErrors.message(e);
        if (!FORMATTED_SQL_AT_LINE.matcher(message).find() || changelogFile.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return Optional.empty();
        }
        int slash = changelogFile.lastIndexOf('/');
        try {
            ChangeLogParameters parameters = parameters(withSchemas(new PostgresDatabase(), options), options);
            for (Resource resource : accessor.search(slash < 0 ? "." : changelogFile.substring(0, slash), true)) {
                String path = resource.getPath();
                if (!path.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                    continue;
                }
                try {
                    new FormattedSqlChangeLogParser().parse(path, parameters, accessor);
                } catch (LiquibaseException | RuntimeException alone) {
                    if (message.equals(LiquibaseErrors.message(alone))) {
                        return Optional.of(path);
                    }
                }
            }
        } catch (IOException | LiquibaseException | RuntimeException notFound) {
            // the folder cannot be searched: the master is named
        }
        return Optional.empty();
    }

    /** The first change of a role, tablespace or database in the SQL of the changesets read (see {@link ServerWideChanges}). */
    Optional<String> serverWideChange() {
        return serverWideChange;
    }

    /** Where the changeset's SQL, rollback included, changes what the server's databases share. */
    private Optional<String> serverWideChange(ChangeSet changeSet) {
        List<Change> changes = new ArrayList<>(changeSet.getChanges());
        changes.addAll(changeSet.getRollback().getChanges());
        return changes.stream()
                .filter(AbstractSQLChange.class::isInstance)
                .map(change -> sqlOf((AbstractSQLChange) change))
                .filter(Objects::nonNull)
                .flatMap(sql -> ServerWideChanges.in(sql).stream())
                .findFirst()
                .map(statement -> display.apply(physicalPath(changeSet)) + " (changeset " + key(changeSet) + "): " + statement);
    }

    private List<ChangeSet> distinct(List<ChangeSet> all) {
        Set<ChangeSetKey> seen = new HashSet<>();
        List<ChangeSet> unique = new ArrayList<>();
        for (ChangeSet changeSet : all) {
            if (seen.add(key(changeSet))) {
                unique.add(changeSet);
            } else {
                findings.add(HistoryFinding.error(Kind.DUPLICATE_VERSION, display.apply(physicalPath(changeSet)),
                        "has changeset " + key(changeSet) + " twice", "give each changeset its own id"));
            }
        }
        return unique;
    }

    /**
     * The changesets Liquibase's update runs on Postgres with these contexts and labels: the filters of its
     * own update command, so one for another database ({@code dbms="mysql"}), another context or label, or
     * marked {@code ignore} is not a revision. Nor is one whose only change is for another database ({@code sqlFile}
     * with {@code dbms: h2, mysql}): Liquibase's {@code ChangeSet.execute} skips it and records nothing, so every update
     * finds it pending again (one with several changes, none for Postgres, it records as ran).
     */
    private List<ChangeSet> runOnPostgres(List<ChangeSet> changeSets) {
        PostgresDatabase postgres = new PostgresDatabase();
        List<ChangeSetFilter> filters = LiquibaseCommands.standardFilters(postgres, options);
        return changeSets.stream().filter(c -> filters.stream().allMatch(f -> f.accepts(c).isAccepted()))
                .filter(c -> c.getChanges().size() != 1 || runsOn(c.getChanges().get(0), postgres))
                .toList();
    }

    /**
     * The database with the default and Liquibase schemas set, as Liquibase's command line sets them: they are also the
     * changelog parameters {@code database.defaultSchemaName} and {@code database.liquibaseSchemaName}.
     */
    static <D extends Database> D withSchemas(D database, LiquibaseOptions options) throws DatabaseException {
        if (options.defaultSchema() != null) {
            database.setDefaultSchemaName(options.defaultSchema());
        }
        if (options.liquibaseSchema() != null) {
            database.setLiquibaseSchemaName(options.liquibaseSchema());
        }
        return database;
    }

    /** The parameters Liquibase's commands parse a changelog with, contexts and labels included (they choose properties). */
    static ChangeLogParameters parameters(Database database, LiquibaseOptions options) {
        ChangeLogParameters parameters = new ChangeLogParameters(database);
        parameters.addJavaProperties();
        parameters.setContexts(new Contexts(options.contexts()));
        parameters.setLabels(new LabelExpression(options.labels()));
        // Set after the Java properties: Liquibase's -D parameters win over them too.
        options.parameters().forEach(parameters::set);
        return parameters;
    }

    private List<ChangeSetUnit> byChangeSet(List<ChangeSet> changeSets) {
        Map<String, Integer> idCounts = new HashMap<>();
        Map<String, Integer> authorIdCounts = new HashMap<>();
        changeSets.forEach(c -> idCounts.merge(c.getId(), 1, Integer::sum));
        changeSets.forEach(c -> authorIdCounts.merge(key(c).toString(), 1, Integer::sum));
        List<ChangeSetUnit> units = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            // The shortest name that tells it apart; Liquibase's own path::id::author when the id is in two files.
            String id = idCounts.get(changeSet.getId()) == 1 ? changeSet.getId()
                    : authorIdCounts.get(key(changeSet).toString()) == 1 ? key(changeSet).toString()
                    : changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor();
            units.add(unit(id, describe(changeSet), List.of(changeSet)));
        }
        return units;
    }

    private List<ChangeSetUnit> byTag(List<ChangeSet> changeSets) {
        List<ChangeSetUnit> units = new ArrayList<>();
        List<ChangeSet> group = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            group.add(changeSet);
            String tag = tagOf(changeSet);
            if (tag != null) {
                units.add(unit(tag, "up to tag " + tag, group));
                group = new ArrayList<>();
            }
        }
        if (!group.isEmpty()) {
            ChangeSet last = group.get(group.size() - 1);
            units.add(unit(last.getId(), "changesets after the last tag", group));
        }
        return units;
    }

    private ChangeSetUnit unit(String id, String description, List<ChangeSet> changeSets) {
        PostgresDatabase postgres = new PostgresDatabase();
        List<String> files = changeSets.stream().map(c -> display.apply(physicalPath(c))).distinct().toList();
        List<ChangeSetKey> keys = changeSets.stream().map(ChangelogReader::key).toList();
        boolean transactional = changeSets.stream().allMatch(ChangeSet::isRunInTransaction);
        List<ChangeSet> irreversible = changeSets.stream().filter(c -> !c.supportsRollback(postgres)).toList();
        Revision revision;
        if (irreversible.isEmpty()) {
            revision = Revision.reversible(id, description, files);
        } else {
            ChangeSet first = irreversible.get(0);
            String file = display.apply(physicalPath(first));
            String reason = "Liquibase cannot generate a rollback for changeset " + key(first) + " in " + file + " ("
                    + changeTypes(first) + "): " + RollbackHints.howToAdd(first, file);
            findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, file,
                    "changeset " + key(first) + " cannot be rolled back (" + changeTypes(first) + ")",
                    RollbackHints.howToAdd(first, file) + ", or declare revision " + id + " irreversible"));
            revision = Revision.irreversible(id, description, files, reason);
        }
        return new ChangeSetUnit(revision, keys, physicalPath(changeSets.get(0)), transactional);
    }

    /** The change's SQL; null when it cannot be read (an sqlFile that is missing fails when the revision runs). */
    private static String sqlOf(AbstractSQLChange change) {
        try {
            return change.getSql();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String tagOf(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (change instanceof TagDatabaseChange tag) {
                return tag.getTag();
            }
        }
        return null;
    }

    /** A comment's first line names a revision in every report and test name: a whole paragraph would bury it. */
    private static final int DESCRIPTION_LENGTH = 100;

    private static String describe(ChangeSet changeSet) {
        String comments = changeSet.getComments();
        if (comments != null && !comments.isBlank()) {
            return shortened(comments.strip().lines().findFirst().orElse(""));
        }
        String description = changeSet.getDescription();
        return description == null ? "" : description;
    }

    /** The text up to the last word that fits, and an ellipsis, when it is longer than a description should be. */
    private static String shortened(String text) {
        if (text.length() <= DESCRIPTION_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
        return text.substring(0, cut > DESCRIPTION_LENGTH / 2 ? cut : DESCRIPTION_LENGTH - 1).stripTrailing() + "…";
    }

    /** The kinds of the changes Liquibase has no rollback for on Postgres (all of them, if it names none). */
    private static String changeTypes(ChangeSet changeSet) {
        PostgresDatabase postgres = new PostgresDatabase();
        List<Change> irreversible = changeSet.getChanges().stream()
                .filter(change -> !change.supportsRollback(postgres) && runsOn(change, postgres)).toList();
        return (irreversible.isEmpty() ? changeSet.getChanges() : irreversible).stream()
                .map(Change::getSerializedObjectName)
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("no changes");
    }

    /** Whether a change that names databases ({@code dbms="mysql"}) runs on this one. */
    private static boolean runsOn(Change change, PostgresDatabase postgres) {
        return !(change instanceof DbmsTargetedChange targeted) || targeted.getDbms() == null
                || DatabaseList.definitionMatches(targeted.getDbms(), postgres, true);
    }

    /**
     * The file the changeset is in, as the search path found it: what a message names, and where its lines are read.
     * A changelog's {@code logicalFilePath} (Dropwizard's {@code migrations.xml}) is the changeset's identity in
     * {@code DATABASECHANGELOG}, and may name no file at all.
     */
    static String physicalPath(ChangeSet changeSet) {
        DatabaseChangeLog log = changeSet.getChangeLog();
        return log != null && log.getPhysicalFilePath() != null ? log.getPhysicalFilePath() : changeSet.getFilePath();
    }

    static ChangeSetKey key(ChangeSet changeSet) {
        return new ChangeSetKey(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
    }
}
