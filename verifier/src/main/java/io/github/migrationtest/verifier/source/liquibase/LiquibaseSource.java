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
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StepResult;
import io.github.migrationtest.verifier.source.jdbc.ListeningConnection;
import io.github.migrationtest.verifier.source.jdbc.SingleConnectionDataSource;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
import io.github.migrationtest.verifier.source.liquibase.LiquibaseCommands.Applied;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import io.github.migrationtest.verifier.source.script.SessionTimeouts;
import io.github.migrationtest.verifier.source.sql.Locations;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DatabaseUtils;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Liquibase changelog. A revision is one changeset (or everything up to a tag); upgrade applies its
 * changesets and downgrade rolls them back with Liquibase's own update and rollback machinery (see
 * {@link LiquibaseCommands}), so Liquibase's generated rollbacks are used where the change type has
 * one and the explicit rollback otherwise.
 */
final class LiquibaseSource implements MigrationSource {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseSource.class);

    private final String location;
    private final Changelog changelog;
    private final List<ChangeSetUnit> units;
    private final List<HistoryFinding> findings;
    private final SourceOptions options;
    private final Optional<String> serverWideChange;
    // Parsing the changelog costs about half of a step's CPU time: the ones parsed on a live database
    // are kept for the next steps, as Liquibase's own Liquibase class keeps its one.
    private final Queue<DatabaseChangeLog> parsed = new ConcurrentLinkedQueue<>();
    private final Map<Connection, Session> databases = new IdentityHashMap<>();
    private volatile StatementListener statements = StatementListener.NONE;

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
    record Changelog(String file, ResourceAccessor accessor, UnaryOperator<String> shown) {
        /** A file as Liquibase names it, as the user finds it. */
        String display(String filePath) {
            return shown.apply(filePath);
        }
    }

    static MigrationSource open(String location, SourceOptions options) {
        List<HistoryFinding> findings = new ArrayList<>();
        Optional<Changelog> changelog = locate(location, options, findings);
        if (changelog.isEmpty()) {
            return new LiquibaseSource(location, null, List.of(), findings, options, Optional.empty());
        }
        ChangelogReader reader = new ChangelogReader(changelog.get().accessor(), changelog.get()::display, options.liquibase());
        List<ChangeSetUnit> units = LiquibaseCommands.inScope(changelog.get().accessor(),
                () -> reader.read(changelog.get().file(), options.liquibaseRevisions()));
        findings.addAll(reader.findings());
        return new LiquibaseSource(location, changelog.get(), units, findings, options, reader.serverWideChange());
    }

    private static Optional<Changelog> locate(String location, SourceOptions options, List<HistoryFinding> findings) {
        ClassLoaderResourceAccessor classpath = new ClassLoaderResourceAccessor(options.classLoader());
        List<Path> searchPath = options.liquibase().searchPath().stream().map(Path::of).toList();
        for (Path root : searchPath) {
            if (!Files.isDirectory(root)) {
                findings.add(HistoryFinding.error(Kind.MISSING_LOCATION, root.toString(), "is not a folder, so it cannot be on the search path",
                        "give folders that exist to the Liquibase search path (a relative one is resolved against "
                                + Path.of("").toAbsolutePath() + ")"));
                return Optional.empty();
            }
        }
        if (Locations.isClasspath(location)) {
            ResourceAccessor accessor = searchPath.isEmpty() ? classpath : withClasspath(directories(searchPath), classpath);
            return Optional.of(new Changelog(Locations.classpathResource(location), accessor, path -> "classpath:" + path));
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
        SearchPath roots = SearchPath.of(file, searchPath);
        if (!roots.holdsChangelog()) {
            findings.add(HistoryFinding.error(Kind.MISSING_LOCATION, file.toString(), "is not inside any folder of the search path "
                    + roots.roots(), "add the folder the changelog's paths are relative to (often src/main/resources) to the search path"));
            return Optional.empty();
        }
        return Optional.of(new Changelog(roots.changelog(), withClasspath(directories(roots.roots()), classpath), roots::display));
    }

    private static List<ResourceAccessor> directories(List<Path> roots) {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (Path root : roots) {
            try {
                accessors.add(new DirectoryResourceAccessor(root.toAbsolutePath().normalize()));
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e); // checked above: the roots are folders
            }
        }
        return accessors;
    }

    /**
     * The class path comes last, as in Liquibase's own default search path: for {@code classpath:} includes. Such a path
     * is looked up in the folders too, as the application's class path has them ({@link ClassPathPrefixes}).
     */
    private static ResourceAccessor withClasspath(List<ResourceAccessor> directories, ResourceAccessor classpath) {
        List<ResourceAccessor> all = new ArrayList<>(directories);
        all.add(classpath);
        return new ClassPathPrefixes(new CompositeResourceAccessor(all.toArray(ResourceAccessor[]::new)));
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

    /** The changesets behind each revision, in order. */
    List<ChangeSetUnit> units() {
        return units;
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
            commands.update(unit.changeSets());
            Optional<Applied> last = commands.lastApplied();
            if (last.isEmpty() || !last.get().is(unit.last())) {
                throw new MigrationFailedException(revision, Direction.UP, MigrationFailure.of(
                        changelog.display(unit.file()), "Liquibase applied " + last.map(a -> a.changeSet().toString()).orElse("nothing")
                        + " last when asked for " + unit.last() + ": the database was not at the revision before it,"
                        + " or a precondition with onFail=CONTINUE skipped the changeset"), null);
            }
            if (last.get().markedRan()) {
                LOG.debug("{}: a precondition marked changeset {} ran, so nothing of it ran", changelog.display(unit.file()), unit.last());
            }
        });
    }

    @Override
    public StepResult downgrade(Revision revision, Connection connection) {
        ChangeSetUnit unit = unit(revision, Direction.DOWN);
        return step(unit, Direction.DOWN, connection, commands -> {
            Optional<Applied> last = commands.lastApplied();
            if (last.isEmpty() || !last.get().is(unit.last())) {
                throw new MigrationFailedException(revision, Direction.DOWN, MigrationFailure.of(
                        changelog.display(unit.file()), "the last applied changeset is "
                        + last.map(a -> a.changeSet().toString()).orElse("none") + ", not " + unit.last()
                        + ": downgrade the later revisions first"), null);
            }
            List<ChangeSetKey> onlyForgotten = commands.rollback(unit.changeSets());
            if (!onlyForgotten.isEmpty()) {
                LOG.debug("{}: changesets {} were marked ran by a precondition, so their rollback was not run",
                        changelog.display(unit.file()), onlyForgotten);
            }
        });
    }

    /** Postgres' SQLSTATE for a statement refused inside a transaction block ({@code DROP INDEX CONCURRENTLY}). */
    private static final String CANNOT_RUN_IN_TRANSACTION = "25001";

    /** How Liquibase runs a changeset, its rollback too, outside a transaction, in the changelog's own format. */
    static String inTransactionUnless(String filePath) {
        String name = filePath.toLowerCase(java.util.Locale.ROOT);
        String optOut = name.endsWith(".sql") ? "its --changeset line says runInTransaction:false"
                : name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") ? "the changeSet has runInTransaction: false"
                : "the changeSet has runInTransaction=\"false\"";
        return "Liquibase runs a changeset and its rollback in a transaction unless " + optOut;
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
                String searchPath = null;
                try {
                    Session session = session(connection);
                    searchPath = enterDefaultSchema(connection, session.database());
                    work.run(new LiquibaseCommands(changelog, options.liquibase(), parsed, connection, session.database(),
                            session.statements()));
                } catch (MigrationFailedException e) {
                    throw e;
                } catch (Exception e) {
                    MigrationFailure failure = LiquibaseErrors.failure(changelog.accessor(), changelog.display(unit.file()),
                            unit.file(), unit.changeSets().get(0).id(), direction, e);
                    if (unit.transactional() && CANNOT_RUN_IN_TRANSACTION.equals(failure.sqlState())) {
                        failure = failure.withHint(inTransactionUnless(unit.file()) + ", so this fails in production too");
                    }
                    throw new MigrationFailedException(unit.revision(), direction, failure, e);
                } finally {
                    // Liquibase turns auto-commit off on the connection it is given; put it back.
                    connection.setAutoCommit(autoCommit);
                    restoreSearchPath(connection, searchPath);
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

    /**
     * Liquibase's view of the connection, one per connection for as long as it is open: Liquibase keeps the
     * history of applied changesets per {@link Database}, and reading it again for every step would cost a
     * query and a look at the history table's columns. With it, what places the statements Liquibase runs on it.
     */
    private record Session(Database database, LiquibaseStatements statements) {
    }

    private Session session(Connection connection) throws SQLException {
        synchronized (databases) {
            databases.keySet().removeIf(LiquibaseSource::isClosed);
            Session session = databases.get(connection);
            if (session == null) {
                LiquibaseStatements placed = new LiquibaseStatements(changelog, () -> statements, connection);
                // The caller owns the connection: Liquibase gets one whose close() does nothing.
                Connection unclosable = new SingleConnectionDataSource(
                        ListeningConnection.of(connection, () -> statements, placed)).getConnection();
                Database database = LiquibaseCommands.inScope(changelog.accessor(), () -> ChangelogReader.withSchemas(
                        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(unclosable)),
                        options.liquibase()));
                session = new Session(database, placed);
                databases.put(connection, session);
            }
            return session;
        }
    }

    /**
     * With a default schema, puts it first on the search path as Liquibase's command line does when it connects
     * ({@link DatabaseUtils#initializeDatabase}; Liquibase does it again after each rollback on the connection), so
     * unqualified names in changesets mean it.
     *
     * @return the search path to put back after the step, {@code null} when it was left alone
     */
    private String enterDefaultSchema(Connection connection, Database database) throws SQLException {
        String schema = options.liquibase().defaultSchema();
        if (schema == null) {
            return null;
        }
        String saved;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_setting('search_path')")) {
            rows.next();
            saved = rows.getString(1);
        }
        LiquibaseCommands.inScope(changelog.accessor(), () -> {
            DatabaseUtils.initializeDatabase(null, database.getDefaultSchemaName(), database);
            return null;
        });
        return saved;
    }

    /** The caller's connection gets its search path back: the schema is Liquibase's setting, not the session's. */
    private static void restoreSearchPath(Connection connection, String saved) {
        if (saved == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            statement.setString(1, saved);
            statement.execute();
        } catch (SQLException e) {
            // A failed step can leave an aborted transaction; the walk rolls it back and resets the session.
            LOG.debug("search path not put back after a failed step: {}", e.getMessage());
        }
    }

    /** The statements of the changesets applied and rolled back, as Liquibase runs them ({@link LiquibaseStatements}). */
    @Override
    public boolean reportStatementsTo(StatementListener listener) {
        statements = listener == null ? StatementListener.NONE : listener;
        return true;
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
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

}
