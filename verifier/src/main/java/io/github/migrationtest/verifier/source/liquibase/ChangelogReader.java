package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.ServerWideChanges;
import io.github.migrationtest.verifier.source.SourceOptions.LiquibaseRevisions;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
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
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

/** Parses a changelog into revisions (one per changeset, or per tag), reporting what is wrong as findings. */
final class ChangelogReader {

    private final ResourceAccessor accessor;
    private final Function<String, String> display;
    private final List<HistoryFinding> findings = new ArrayList<>();
    private Optional<String> serverWideChange = Optional.empty();

    ChangelogReader(ResourceAccessor accessor, Function<String, String> display) {
        this.accessor = accessor;
        this.display = display;
    }

    List<HistoryFinding> findings() {
        return findings;
    }

    /** Must run inside the Liquibase scope that holds the resource accessor. */
    List<ChangeSetUnit> read(String changelogFile, LiquibaseRevisions unit) {
        DatabaseChangeLog changelog;
        try {
            changelog = ChangeLogParserFactory.getInstance().getParser(changelogFile, accessor)
                    .parse(changelogFile, new ChangeLogParameters(new PostgresDatabase()), accessor);
        } catch (LiquibaseException | RuntimeException e) {
            findings.add(HistoryFinding.error(Kind.INVALID_CHANGELOG, display.apply(changelogFile),
                    "cannot be parsed: " + LiquibaseErrors.message(e), "fix the changelog so Liquibase can read it"));
            return List.of();
        }
        List<ChangeSet> changeSets = forPostgres(distinct(changelog.getChangeSets()));
        if (changeSets.isEmpty()) {
            findings.add(HistoryFinding.error(Kind.NO_MIGRATIONS, display.apply(changelogFile), "holds no changesets for Postgres",
                    "add changesets, or point at the master changelog"));
            return List.of();
        }
        serverWideChange = changeSets.stream().flatMap(c -> serverWideChange(c).stream()).findFirst();
        return unit == LiquibaseRevisions.TAG ? byTag(changeSets) : byChangeSet(changeSets);
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
                .map(statement -> display.apply(changeSet.getFilePath()) + " (changeset " + key(changeSet) + "): " + statement);
    }

    private List<ChangeSet> distinct(List<ChangeSet> all) {
        Set<ChangeSetKey> seen = new HashSet<>();
        List<ChangeSet> unique = new ArrayList<>();
        for (ChangeSet changeSet : all) {
            if (seen.add(key(changeSet))) {
                unique.add(changeSet);
            } else {
                findings.add(HistoryFinding.error(Kind.DUPLICATE_VERSION, display.apply(changeSet.getFilePath()),
                        "has changeset " + key(changeSet) + " twice", "give each changeset its own id"));
            }
        }
        return unique;
    }

    /** Changesets for other databases ({@code dbms="mysql"}) never run here, so they are not revisions. */
    private static List<ChangeSet> forPostgres(List<ChangeSet> changeSets) {
        return changeSets.stream().filter(ChangelogReader::runsOnPostgres).toList();
    }

    private static boolean runsOnPostgres(ChangeSet changeSet) {
        Set<String> dbms = changeSet.getDbmsSet();
        if (dbms == null || dbms.isEmpty()) {
            return true;
        }
        Set<String> lower = new HashSet<>();
        dbms.forEach(d -> lower.add(d.trim().toLowerCase(Locale.ROOT)));
        if (lower.contains("!postgresql") || lower.contains("none")) {
            return false;
        }
        return lower.contains("postgresql") || lower.contains("all") || lower.stream().allMatch(d -> d.startsWith("!"));
    }

    private List<ChangeSetUnit> byChangeSet(List<ChangeSet> changeSets) {
        Map<String, Integer> idCounts = new HashMap<>();
        changeSets.forEach(c -> idCounts.merge(c.getId(), 1, Integer::sum));
        List<ChangeSetUnit> units = new ArrayList<>();
        for (ChangeSet changeSet : changeSets) {
            String id = idCounts.get(changeSet.getId()) == 1 ? changeSet.getId() : key(changeSet).toString();
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
        List<String> files = changeSets.stream().map(c -> display.apply(c.getFilePath())).distinct().toList();
        List<ChangeSetKey> keys = changeSets.stream().map(ChangelogReader::key).toList();
        boolean transactional = changeSets.stream().allMatch(ChangeSet::isRunInTransaction);
        List<ChangeSet> irreversible = changeSets.stream().filter(c -> !c.supportsRollback(postgres)).toList();
        Revision revision;
        if (irreversible.isEmpty()) {
            revision = Revision.reversible(id, description, files);
        } else {
            ChangeSet first = irreversible.get(0);
            String reason = "Liquibase cannot generate a rollback for changeset " + key(first) + " ("
                    + changeTypes(first) + "): add a rollback block to it";
            findings.add(HistoryFinding.warning(Kind.MISSING_DOWNGRADE, display.apply(first.getFilePath()),
                    "changeset " + key(first) + " cannot be rolled back (" + changeTypes(first) + ")",
                    "add a <rollback> block (or '--rollback' lines in formatted SQL), or declare revision " + id + " irreversible"));
            revision = Revision.irreversible(id, description, files, reason);
        }
        return new ChangeSetUnit(revision, keys, changeSets.get(0).getFilePath(), transactional);
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

    private static String describe(ChangeSet changeSet) {
        String comments = changeSet.getComments();
        if (comments != null && !comments.isBlank()) {
            return comments.strip().lines().findFirst().orElse("");
        }
        String description = changeSet.getDescription();
        return description == null ? "" : description;
    }

    private static String changeTypes(ChangeSet changeSet) {
        return changeSet.getChanges().stream()
                .map(Change::getSerializedObjectName)
                .distinct()
                .reduce((a, b) -> a + ", " + b)
                .orElse("no changes");
    }

    static ChangeSetKey key(ChangeSet changeSet) {
        return new ChangeSetKey(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
    }
}
