package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.source.SourceType;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import io.github.migrationtest.verifier.source.script.SessionTimeouts;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * A Liquibase changelog. A revision is one changeset (or everything up to a tag); upgrade one is
 * {@code update-count}, downgrade one is {@code rollback-count}, both through {@code CommandScope},
 * so Liquibase's generated rollbacks are used where the change type has one and the explicit
 * {@code <rollback>} otherwise.
 */
final class LiquibaseSource implements MigrationSource {

    private final String location;
    private final Changelog changelog;
    private final List<ChangeSetUnit> units;
    private final List<HistoryFinding> findings;
    private final SourceOptions options;
    private final Optional<String> serverWideChange;
    // Each command would parse the changelog again, about half of a step's CPU time: the one a command
    // parsed on a live database is kept for the next, as Liquibase's own Liquibase class keeps it.
    private final AtomicReference<DatabaseChangeLog> parsed = new AtomicReference<>();

    private LiquibaseSource(String location, Changelog changelog, List<ChangeSetUnit> units,
            List<HistoryFinding> findings, SourceOptions options, Optional<String> serverWideChange) {
        this.location = location;
        this.changelog = changelog;
        this.units = List.copyOf(units);
        this.findings = List.copyOf(findings);
        this.options = options;
        this.serverWideChange = serverWideChange;
    }

    /** Where the changelog is and how to reach the files it includes. */
    record Changelog(String file, ResourceAccessor accessor, String displayRoot) {
        String display(String filePath) {
            return displayRoot.isEmpty() || displayRoot.endsWith(":") ? displayRoot + filePath : displayRoot + "/" + filePath;
        }
    }

    static MigrationSource open(String location, SourceOptions options) {
        List<HistoryFinding> findings = new ArrayList<>();
        Optional<Changelog> changelog = locate(location, options, findings);
        if (changelog.isEmpty()) {
            return new LiquibaseSource(location, null, List.of(), findings, options, Optional.empty());
        }
        ChangelogReader reader = new ChangelogReader(changelog.get().accessor(), changelog.get()::display);
        List<ChangeSetUnit> units = LiquibaseCommands.inScope(changelog.get().accessor(),
                () -> reader.read(changelog.get().file(), options.liquibaseRevisions()));
        findings.addAll(reader.findings());
        return new LiquibaseSource(location, changelog.get(), units, findings, options, reader.serverWideChange());
    }

    private static Optional<Changelog> locate(String location, SourceOptions options, List<HistoryFinding> findings) {
        ClassLoaderResourceAccessor classpath = new ClassLoaderResourceAccessor(options.classLoader());
        if (Locations.isClasspath(location)) {
            return Optional.of(new Changelog(Locations.classpathResource(location), classpath, "classpath:"));
        }
        Path path = Path.of(Locations.withoutFilesystemPrefix(location));
        if (!Files.exists(path)) {
            findings.add(HistoryFinding.error(Kind.MISSING_LOCATION, path.toString(), "does not exist",
                    "check the path (a relative path is resolved against " + Path.of("").toAbsolutePath() + ")"));
            return Optional.empty();
        }
        Path file = path;
        if (Files.isDirectory(path)) {
            Optional<Path> master = LiquibaseSourceProvider.masterChangelog(path);
            if (master.isEmpty()) {
                findings.add(HistoryFinding.error(Kind.NO_MIGRATIONS, path.toString(), "holds no master changelog",
                        "point at the changelog file, or name it db.changelog-master.xml (or .yaml, .sql)"));
                return Optional.empty();
            }
            file = master.get();
        }
        Path root = file.toAbsolutePath().getParent();
        try {
            ResourceAccessor accessor = new CompositeResourceAccessor(new DirectoryResourceAccessor(root), classpath);
            String shownRoot = file.getParent() == null ? "" : file.getParent().toString();
            return Optional.of(new Changelog(file.getFileName().toString(), accessor, shownRoot));
        } catch (FileNotFoundException e) {
            findings.add(HistoryFinding.error(Kind.UNREADABLE, root.toString(), "cannot be read", "check its permissions"));
            return Optional.empty();
        }
    }

    @Override
    public SourceType type() {
        return SourceType.LIQUIBASE;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public List<Revision> revisions() {
        return units.stream().map(ChangeSetUnit::revision).toList();
    }

    @Override
    public List<HistoryFinding> findings() {
        return findings;
    }

    @Override
    public Optional<String> serverWideChange() {
        return serverWideChange;
    }

    @Override
    public StepResult upgrade(Revision revision, Connection connection) {
        ChangeSetUnit unit = unit(revision, Direction.UP);
        return step(unit, Direction.UP, connection, commands -> {
            commands.updateCount(unit.changeSets().size());
            Optional<ChangeSetKey> last = commands.lastApplied();
            if (last.isEmpty() || !sameChangeSet(last.get(), unit.last())) {
                throw new MigrationFailedException(revision, Direction.UP, MigrationFailure.of(
                        changelog.display(unit.file()), "Liquibase applied " + last.map(Object::toString).orElse("nothing")
                        + " when asked for " + unit.last() + ": the database was not at the revision before it"), null);
            }
        });
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        ChangeSetUnit unit = unit(revision, Direction.DOWN);
        return step(unit, Direction.DOWN, connection, commands -> {
            Optional<ChangeSetKey> last = commands.lastApplied();
            if (last.isEmpty() || !sameChangeSet(last.get(), unit.last())) {
                throw new MigrationFailedException(revision, Direction.DOWN, MigrationFailure.of(
                        changelog.display(unit.file()), "the last applied changeset is "
                        + last.map(Object::toString).orElse("none") + ", not " + unit.last()
                        + ": downgrade the later revisions first"), null);
            }
            commands.rollbackCount(unit.changeSets().size());
        });
    }

    /** Work done with Liquibase on a connection. */
    private interface Work {
        void run(LiquibaseCommands commands) throws Exception;
    }

    private StepResult step(ChangeSetUnit unit, Direction direction, Connection connection, Work work) {
        long started = System.nanoTime();
        try {
            new SessionTimeouts(options.lockTimeout(), options.statementTimeout()).around(connection, () -> {
                boolean autoCommit = connection.getAutoCommit();
                try {
                    work.run(new LiquibaseCommands(changelog, parsed, connection));
                } catch (MigrationFailedException e) {
                    throw e;
                } catch (Exception e) {
                    throw new MigrationFailedException(unit.revision(), direction, LiquibaseErrors.failure(
                            changelog.accessor(), changelog.display(unit.file()), unit.file(),
                            unit.changeSets().get(0).id(), e), e);
                } finally {
                    // Liquibase turns auto-commit off on the connection it is given; put it back.
                    connection.setAutoCommit(autoCommit);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new MigrationFailedException(unit.revision(), direction,
                    PostgresErrors.failure(changelog.display(unit.file()), e), e);
        }
        return new StepResult(unit.revision(), direction, unit.transactional(),
                unit.transactional() ? "" : "a changeset has runInTransaction=false", -1,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private ChangeSetUnit unit(Revision revision, Direction direction) {
        Optional<ChangeSetUnit> unit = units.stream().filter(u -> u.revision().equals(revision)).findFirst();
        if (unit.isEmpty()) {
            throw MigrationFailedException.notInHistory(revision, direction, location);
        }
        if (direction == Direction.DOWN && !revision.hasDowngrade()) {
            throw new MigrationFailedException(revision, direction, new MigrationFailure(
                    changelog.display(unit.get().file()), LiquibaseErrors.lineOf(changelog.accessor(), unit.get().file(),
                    unit.get().changeSets().get(0).id()), 1, revision.noDowngradeReason(), "", "", "", ""), null);
        }
        return unit.get();
    }

    private static boolean sameChangeSet(ChangeSetKey applied, ChangeSetKey expected) {
        return applied.id().equals(expected.id()) && applied.author().equals(expected.author());
    }
}
