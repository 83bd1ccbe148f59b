package io.github.migrationtest.verifier.source;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A migration history: its revisions in order, what is wrong with it, and how to apply one
 * revision's upgrade or downgrade to a database.
 *
 * <p>{@link #upgrade} expects the database to be at the revision before the given one, and
 * {@link #downgrade} at the given one; the caller walks the history. Both leave the connection's
 * auto-commit and session settings as they found them.
 */
public interface MigrationSource extends AutoCloseable {

    SourceType type();

    /** The location the history was read from, as given. */
    String location();

    /** The revisions in the order they apply; malformed files are left out and reported in {@link #findings()}. */
    List<Revision> revisions();

    /**
     * Problems with the history found while reading it, and notes on how it was read (files the tool
     * ignores, steps that run no SQL); no error finding when it is sound.
     */
    List<HistoryFinding> findings();

    /**
     * Applies one revision's upgrade.
     *
     * @throws MigrationFailedException when a statement fails, with the file, line and column
     */
    StepResult upgrade(Revision revision, Connection connection);

    /**
     * Undoes one revision.
     *
     * @throws MigrationFailedException when a statement fails, or the revision has no downgrade
     */
    StepResult downgrade(Revision revision, Connection connection);

    /** {@link #upgrade(Revision, Connection)} on a connection of its own, closed afterwards. */
    default StepResult upgrade(Revision revision, DataSource dataSource) {
        return DataSourceSteps.withConnection(dataSource, revision, Direction.UP, c -> upgrade(revision, c));
    }

    /** {@link #downgrade(Revision, Connection)} on a connection of its own, closed afterwards. */
    default StepResult downgrade(Revision revision, DataSource dataSource) {
        return DataSourceSteps.withConnection(dataSource, revision, Direction.DOWN, c -> downgrade(revision, c));
    }

    /**
     * Whether steps may run at the same time on different connections, from different threads. The
     * verifier walks parts of a long history on several databases at once; when this is false it
     * runs one step at a time (its snapshots and comparisons still overlap).
     */
    default boolean supportsConcurrentSteps() {
        return false;
    }

    /**
     * Where a revision changes what all databases of a server share (a role, a tablespace, a
     * database), as {@code "file:line: CREATE ROLE"}; empty when none does or the source cannot tell
     * (a Java migration). Such a history is walked on one database at a time: walked on several, one
     * database's upgrade would create the role another's downgrade drops.
     */
    default Optional<String> serverWideChange() {
        return Optional.empty();
    }

    /**
     * The password of the user the steps' connections log in as, for a source whose tool opens
     * connections of its own (Alembic runs in Python) and so cannot use the one it is given; a JDBC
     * connection does not reveal it. {@code null} leaves it to the tool's own defaults ({@code
     * PGPASSWORD}, {@code ~/.pgpass}). Sources that use the given connection ignore it.
     */
    default void usePassword(String password) {
    }

    /**
     * Bookkeeping tables this history's tool keeps under a name of its own choosing (Alembic's {@code
     * version_table}), to be left out of snapshots like the well-known ones.
     */
    default List<String> bookkeepingTables() {
        return List.of();
    }

    /**
     * Whether some bookkeeping table is known only once the tool runs on a database (an Alembic env.py that refuses
     * offline mode names its version table only online): {@link #learnBookkeeping} is then called before the walk.
     */
    default boolean learnsBookkeepingOnline() {
        return false;
    }

    /**
     * Runs what names the bookkeeping tables on a scratch database that is dropped afterwards, before any revision;
     * {@link #bookkeepingTables()} and {@link #toolSchemas()} include what it found.
     */
    default void learnBookkeeping(Connection scratch) {
    }

    /**
     * Tables whose names are a migration tool's bookkeeping elsewhere but the user's own in this history (a sqlx
     * history's {@code schema_migrations}): kept in snapshots and compared like any other table.
     */
    default Set<String> userTables() {
        return Set.of();
    }

    /**
     * Schemas the tool creates for its bookkeeping table (Flyway's configured {@code schemas}, the schema of Alembic's
     * version table): the first upgrade makes them and no downgrade drops them, as none drops the table, so their
     * existence is not compared.
     */
    default Set<String> toolSchemas() {
        return Set.of();
    }

    /**
     * Scripts the tool runs with every upgrade besides the revision's own (Flyway's SQL callbacks on migrate): what
     * one of them changes no downgrade undoes, so a failed round trip's fix names them beside the downgrade.
     */
    default List<String> upgradeCallbacks() {
        return List.of();
    }

    /**
     * Reports each statement of the user's the source runs over JDBC (SQL files, Flyway's {@code U}
     * scripts, and through a connection that reports them, what the Flyway API and Liquibase run) to
     * {@code listener}, from then on; a source whose tool runs the statements on a connection of its
     * own (Alembic, in Python) reports none, and its steps are only seen whole.
     *
     * @return whether this source reports statements
     */
    default boolean reportStatementsTo(StatementListener listener) {
        return false;
    }

    /**
     * Whether a step reads no table on its connection before its first reported statement: only session settings
     * and the catalogs, its bookkeeping read and written with or after its statements. Then the walk may flush the
     * session's statistics between steps and the step's start need not read what scans are pending (see {@code
     * SafetyRecorder#begin}). Not so for the tools that read their history tables first (Flyway, Liquibase).
     */
    default boolean readsNoTableBeforeItsStatements() {
        return false;
    }

    /**
     * Records {@code revision} as applied in the tool's bookkeeping table, as its upgrade does, without
     * running the upgrade's SQL: the walk's way to undo a downgrade that ran nothing but the bookkeeping.
     *
     * @return whether it did; false when this source cannot (the walk then rebuilds the state instead)
     */
    default boolean recordApplied(Revision revision, Connection connection) {
        return false;
    }

    /**
     * Why the round trip of {@code revision} (its downgrade, then its upgrade again) cannot run inside one
     * transaction of the caller's with {@link #runUncommitted}, on a server of this major version; empty when
     * it can: each step runs as one transaction anyway, with nothing that acts differently before a commit.
     * Sources whose tool runs the steps (Flyway's API, Liquibase, Alembic) cannot.
     */
    default Optional<String> whyNotUncommitted(Revision revision, int serverMajor) {
        return Optional.of("the " + type() + " source commits each step itself");
    }

    /**
     * Runs one step of {@code revision} inside the transaction open on {@code connection}, its bookkeeping
     * included, without committing: the walk rolls the round trip back as a whole. Only where {@link
     * #whyNotUncommitted} is empty; a failing statement rolls the caller's transaction back.
     *
     * @throws MigrationFailedException when a statement fails, as {@link #upgrade} and {@link #downgrade}
     */
    default StepResult runUncommitted(Revision revision, Direction direction, Connection connection) {
        throw new UnsupportedOperationException(whyNotUncommitted(revision, 0).orElse("not supported"));
    }

    /** Ends what the source started to run steps (Alembic's Python helpers); the source is not used afterwards. */
    @Override
    default void close() {
    }

    /** The revision with this id, if the history has one. */
    default Optional<Revision> revision(String id) {
        return revisions().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Whether the history has error findings, i.e. {@code HISTORY_IS_LINEAR} fails. */
    default boolean hasErrors() {
        return findings().stream().anyMatch(HistoryFinding::isError);
    }
}
