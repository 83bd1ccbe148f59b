package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.SourceOptions.LiquibaseOptions;
import io.github.migrationtest.verifier.source.liquibase.ChangeSetUnit.ChangeSetKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.filter.AlreadyRanChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilter;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.IgnoreChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.filter.ShouldRunChangeSetFilter;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.changelog.visitor.RollbackVisitor;
import liquibase.changelog.visitor.UpdateVisitor;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Applies and rolls back given changesets with Liquibase's own machinery, in a scope that is quiet (no
 * console output, logging one level down through SLF4J, no analytics).
 *
 * <p>It does what Liquibase's {@code update-count} and {@code rollback-count} commands do (history table,
 * changelog lock, the iterator with the same filters, {@code UpdateVisitor} and {@code RollbackVisitor})
 * but names the changesets instead of counting them, and leaves out what those commands repeat over the
 * whole changelog on every call: validating every changeset, the up-to-date check and the status
 * summary. Those passes made a step cost time in proportion to the changelog's length (about 90% of a
 * step on a 242-changeset changelog); the changelog is validated once, when it is parsed.
 */
final class LiquibaseCommands {

    /** Liquibase work that returns a value. */
    interface ScopedWork<T> {
        T run() throws Exception;
    }

    private final LiquibaseSource.Changelog changelog;
    private final LiquibaseOptions options;
    private final Queue<DatabaseChangeLog> parsed;
    private final Connection connection;
    private final Database database;
    private final ChangeExecListener listener;

    /**
     * @param parsed changelogs parsed and validated by earlier steps, each lent to one step at a time and
     *     given back when the step succeeds (a failed step may leave a changeset half-marked)
     * @param database Liquibase's view of the connection, kept with it: its history service holds the
     *     changesets applied, which every step through it keeps up to date
     * @param listener told of each changeset applied or rolled back
     */
    LiquibaseCommands(LiquibaseSource.Changelog changelog, LiquibaseOptions options, Queue<DatabaseChangeLog> parsed,
            Connection connection, Database database, ChangeExecListener listener) {
        this.changelog = changelog;
        this.options = options;
        this.parsed = parsed;
        this.connection = connection;
        this.database = database;
        this.listener = listener;
    }

    /** Runs work in the quiet scope with the changelog's resource accessor. */
    static <T> T inScope(ResourceAccessor accessor, ScopedWork<T> work) {
        Map<String, Object> values = Map.of(
                Scope.Attr.resourceAccessor.name(), accessor,
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new QuietLogService(),
                "liquibase.analytics.enabled", Boolean.FALSE,
                // The search path's folders overlap on purpose (and the class path may hold a copy of them):
                // the first folder that has a file wins, as the search path's order says.
                GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
        try {
            return Scope.child(values, work::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseStepException(e);
        }
    }

    /**
     * Applies these changesets, in changelog order, as an update that has only them pending would:
     * a precondition can still skip one or mark it ran.
     */
    void update(List<ChangeSetKey> changeSets) {
        locked(changelog -> {
            List<RanChangeSet> applied = database.getRanChangeSetList();
            // Liquibase's ShouldRunChangeSetFilter, twice, would normalise the path of every applied changeset:
            // the iterator's filter here already admits only those not applied, so the visitor needs none.
            ChangeSetFilter notApplied = changeSet -> new ChangeSetFilterResult(ranOf(changeSet, applied).isEmpty(),
                    "not applied yet", ShouldRunChangeSetFilter.class);
            new ChangeLogIterator(changelog, filters(notApplied, changeSets))
                    .run(new UpdateVisitor(database, listener, null), environment());
        });
    }

    /**
     * Rolls these changesets back, the last applied first. One a precondition marked ran is only taken out
     * of the history: nothing of it ran, so its rollback must not run either (Liquibase's rollback would run it).
     *
     * @return the changesets that were only taken out of the history
     */
    List<ChangeSetKey> rollback(List<ChangeSetKey> changeSets) {
        List<ChangeSetKey> markedRan = new ArrayList<>();
        locked(changelog -> {
            // Only this revision's rows: the iterator looks each one up in the whole changelog.
            List<RanChangeSet> applied = database.getRanChangeSetList().stream()
                    .filter(ran -> changeSets.stream().anyMatch(key -> key.isSameAs(keyOf(ran)))).toList();
            RollbackVisitor rollback = new RollbackVisitor(database, listener);
            ChangeSetVisitor visitor = new ChangeSetVisitor() {
                @Override
                public Direction getDirection() {
                    return Direction.REVERSE;
                }

                @Override
                public void visit(ChangeSet changeSet, DatabaseChangeLog log, Database db, Set<ChangeSetFilterResult> results)
                        throws LiquibaseException {
                    if (ranOf(changeSet, applied).filter(ran -> ran.getExecType() == ChangeSet.ExecType.MARK_RAN).isPresent()) {
                        database.removeRanStatus(changeSet);
                        database.commit();
                        markedRan.add(ChangelogReader.key(changeSet));
                    } else {
                        rollback.visit(changeSet, log, db, results);
                    }
                }
            };
            new ChangeLogIterator(applied, changelog, filters(new AlreadyRanChangeSetFilter(applied), changeSets))
                    .run(visitor, environment());
        });
        return markedRan;
    }

    /** The changeset's row in DATABASECHANGELOG, by Liquibase's identity (id, author and file). */
    private static Optional<RanChangeSet> ranOf(ChangeSet changeSet, List<RanChangeSet> applied) {
        ChangeSetKey key = ChangelogReader.key(changeSet);
        return applied.stream().filter(ran -> key.isSameAs(keyOf(ran))).findFirst();
    }

    private static ChangeSetKey keyOf(RanChangeSet ran) {
        return new ChangeSetKey(ran.getId(), ran.getAuthor(), ran.getChangeLog());
    }

    /** Work on the changelog with the history table in place and Liquibase's changelog lock held, as its commands do. */
    private interface LockedWork {
        void run(DatabaseChangeLog changelog) throws Exception;
    }

    private void locked(LockedWork work) {
        inScope(changelog.accessor(), () -> {
            ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).init();
            LockService lock;
            synchronized (LockServiceFactory.class) { // its map of services is not thread-safe; jobs step at once
                lock = LockServiceFactory.getInstance().getLockService(database);
            }
            lock.waitForLock();
            try {
                DatabaseChangeLog lent = borrow();
                work.run(lent);
                parsed.add(lent);
            } finally {
                lock.releaseLock();
            }
            return null;
        });
    }

    /** A parsed changelog from an earlier step, or one parsed and validated now, as Liquibase's first command would. */
    private DatabaseChangeLog borrow() throws Exception {
        DatabaseChangeLog lent = parsed.poll();
        if (lent != null) {
            return lent;
        }
        ResourceAccessor accessor = changelog.accessor();
        DatabaseChangeLog fresh = Scope.child(Map.of(Scope.Attr.database.name(), database), () ->
                ChangeLogParserFactory.getInstance().getParser(changelog.file(), accessor)
                        .parse(changelog.file(), ChangelogReader.parameters(database, options), accessor));
        fresh.validate(database, contexts(), labels());
        return fresh;
    }

    /**
     * These changesets only, then whether they are (not) applied, then Liquibase's standard filters (contexts,
     * labels, database, ignore). The iterator stops at the first filter that refuses a changeset, and ours
     * is the cheap one: Liquibase's look at each changeset's normalised path, which costs a configuration
     * look-up every time.
     */
    private List<ChangeSetFilter> filters(ChangeSetFilter appliedOrNot, List<ChangeSetKey> changeSets) {
        List<ChangeSetFilter> filters = new ArrayList<>(List.of(new OnlyTheseChangeSets(changeSets), appliedOrNot));
        filters.addAll(standardFilters(database, options));
        return filters;
    }

    /**
     * The filters Liquibase's update applies to every changeset, in its order: contexts, labels, database,
     * {@code ignore}. Shared by the reader (which changesets are revisions) and the steps (which ones run).
     */
    static List<ChangeSetFilter> standardFilters(Database database, LiquibaseOptions options) {
        return List.of(
                new ContextChangeSetFilter(new Contexts(options.contexts())),
                new LabelChangeSetFilter(new LabelExpression(options.labels())),
                new DbmsChangeSetFilter(database),
                new IgnoreChangeSetFilter());
    }

    private RuntimeEnvironment environment() {
        return new RuntimeEnvironment(database, contexts(), labels());
    }

    private Contexts contexts() {
        return new Contexts(options.contexts());
    }

    private LabelExpression labels() {
        return new LabelExpression(options.labels());
    }

    /** The changeset Liquibase applied last, from its DATABASECHANGELOG table. */
    Optional<Applied> lastApplied() throws SQLException {
        // Inside the scope: asking for the schema makes Liquibase log, and only the scope's logging is quiet.
        String table = inScope(changelog.accessor(), () -> database.escapeTableName(
                database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(), database.getDatabaseChangeLogTableName()));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, author, filename, exectype FROM " + table + " ORDER BY orderexecuted DESC LIMIT 1");
                ResultSet rows = statement.executeQuery()) {
            return rows.next()
                    ? Optional.of(new Applied(new ChangeSetKey(rows.getString(1), rows.getString(2), rows.getString(3)),
                            "MARK_RAN".equals(rows.getString(4))))
                    : Optional.empty();
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                // No DATABASECHANGELOG yet: nothing was ever applied.
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A row of DATABASECHANGELOG: the changeset, and whether a precondition only marked it ran. */
    record Applied(ChangeSetKey changeSet, boolean markedRan) {
        boolean is(ChangeSetKey expected) {
            return changeSet.isSameAs(expected);
        }
    }

    /** Accepts the named changesets only, by Liquibase's identity: id, author and file. */
    private static final class OnlyTheseChangeSets implements ChangeSetFilter {
        private final List<ChangeSetKey> keys;

        OnlyTheseChangeSets(List<ChangeSetKey> keys) {
            this.keys = keys;
        }

        @Override
        public ChangeSetFilterResult accepts(ChangeSet changeSet) {
            ChangeSetKey candidate = ChangelogReader.key(changeSet);
            boolean named = keys.stream().anyMatch(candidate::isSameAs);
            return new ChangeSetFilterResult(named, named ? "in this revision" : "not in this revision", getClass());
        }
    }

    /** A checked exception from inside a Liquibase scope, carried out unchanged as the cause. */
    static final class LiquibaseStepException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LiquibaseStepException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
