package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.StatementListener;
import io.github.migrationtest.verifier.source.StepResult;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs a revision's scripts over JDBC: in one transaction when Postgres allows it, statement by
 * statement otherwise, and turns a failing statement into a {@link MigrationFailure} that points at
 * the file, line and column.
 */
public final class ScriptRunner {

    /** Postgres' SQLSTATE for a statement that cannot run inside a transaction block. */
    private static final String ACTIVE_TRANSACTION = "25001";

    private final SessionTimeouts timeouts;
    private final Bookkeeping bookkeeping;
    /** Whether a role or tablespace the scripts create may exist already ({@link ExistingServerObjects}): init scripts. */
    private final boolean keepsExistingServerObjects;
    /** Connections whose database has the bookkeeping table, with its schema: it is made once per connection, not per step. */
    private final Map<Connection, String> kept = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile StatementListener listener = StatementListener.NONE;

    public ScriptRunner(Duration lockTimeout, Duration statementTimeout) {
        this(lockTimeout, statementTimeout, Bookkeeping.NONE);
    }

    /** A runner that keeps a migration tool's table of applied versions, as the tool would. */
    public ScriptRunner(Duration lockTimeout, Duration statementTimeout, Bookkeeping bookkeeping) {
        this(lockTimeout, statementTimeout, bookkeeping, false);
    }

    private ScriptRunner(Duration lockTimeout, Duration statementTimeout, Bookkeeping bookkeeping,
                         boolean keepsExistingServerObjects) {
        this.timeouts = new SessionTimeouts(lockTimeout, statementTimeout);
        this.bookkeeping = bookkeeping;
        this.keepsExistingServerObjects = keepsExistingServerObjects;
    }

    /**
     * A runner for init scripts, which stand for what the deployment provides: a role or tablespace they create that
     * the server has already is kept as it is ({@link ExistingServerObjects}). Not for migrations, whose
     * {@code CREATE ROLE} fails in production too when the role exists.
     */
    static ScriptRunner keepingExistingServerObjects() {
        return new ScriptRunner(null, null, Bookkeeping.NONE, true);
    }

    /** Reports each statement this runner runs to {@code value} from now on. */
    public void reportTo(StatementListener value) {
        this.listener = value == null ? StatementListener.NONE : value;
    }

    /**
     * Runs the scripts in order: in one transaction of the runner's when they can (a script that wraps all its work
     * in a plain {@code BEGIN ... COMMIT} of its own runs as its body in it, see {@link OwnTransaction}).
     *
     * @param forcedOutsideTransaction a reason the user gave to run without a transaction (dbmate's
     *     {@code transaction:false}); empty to decide from the statements
     */
    public StepResult run(
            Revision revision, Direction direction, List<SqlScript> scripts, String forcedOutsideTransaction,
            Connection connection) {
        return run(revision, direction, scripts, forcedOutsideTransaction, "", connection);
    }

    /**
     * Runs the scripts in order and records ({@code version} non-empty) the step in the tool's
     * bookkeeping table, in the step's transaction.
     */
    public StepResult run(
            Revision revision, Direction direction, List<SqlScript> scripts, String forcedOutsideTransaction,
            String version, Connection connection) {
        return run(revision, direction, scripts, forcedOutsideTransaction, "", version, connection, true);
    }

    /**
     * Runs and records the step like {@link #run(Revision, Direction, List, String, String, Connection)}, for a tool
     * that runs every step in a transaction unless the migration says otherwise, or sends it as one query, which
     * Postgres runs as one transaction ({@code inTransactionUnless}, which says so; empty for tools whose statements
     * decide). Without {@code forcedOutsideTransaction} such a step runs in
     * a transaction even when a statement cannot ({@code CREATE INDEX CONCURRENTLY}): it fails as it would in
     * production, the hint naming the opt-out. A script that opens or ends transactions itself still runs as written.
     */
    public StepResult run(
            Revision revision, Direction direction, List<SqlScript> scripts, String forcedOutsideTransaction,
            String inTransactionUnless, String version, Connection connection) {
        return run(revision, direction, scripts, forcedOutsideTransaction, inTransactionUnless, version, connection,
                true);
    }

    /**
     * Runs the scripts and records the step like {@link #run(Revision, Direction, List, String, String, Connection)},
     * but inside the transaction open on {@code connection} (auto-commit off), which it leaves open: the caller
     * commits or rolls back, the bookkeeping with the rest. Only for scripts that can run in one transaction
     * ({@link TransactionRules#reasonNotToJoin}); a script that wraps its work in a transaction of its own runs
     * without its {@code BEGIN} and {@code COMMIT} ({@link OwnTransaction}). A failing statement rolls the caller's
     * transaction back.
     */
    public StepResult runUncommitted(
            Revision revision, Direction direction, List<SqlScript> scripts, String version, Connection connection) {
        return run(revision, direction, scripts, "", "", version, connection, false);
    }

    private StepResult run(
            Revision revision, Direction direction, List<SqlScript> scripts, String forcedOutsideTransaction,
            String inTransactionUnless, String version, Connection connection, boolean commit) {
        long started = System.nanoTime();
        try {
            // A script wrapped whole in BEGIN ... COMMIT runs as its body in the runner's transaction, the same
            // statements in one transaction: a step then is one transaction whoever opened it, for the safety
            // measurement too (it reads less inside a transaction than statement by statement).
            String outside = !forcedOutsideTransaction.isEmpty() ? forcedOutsideTransaction
                    : TransactionRules.reasonNotToJoin(scripts, connection.getMetaData().getDatabaseMajorVersion())
                            .orElse("");
            boolean keptInTransaction = !outside.isEmpty() && forcedOutsideTransaction.isEmpty()
                    && !inTransactionUnless.isEmpty() && !TransactionRules.controlsTransactions(scripts);
            if (keptInTransaction) {
                outside = "";
            }
            boolean transactional = outside.isEmpty();
            if (!commit && (!transactional || connection.getAutoCommit())) {
                throw new IllegalStateException("Revision " + revision.id() + " cannot run in the caller's transaction: "
                        + (transactional ? "none is open" : outside));
            }
            String schema = bookkeeping.isNone() || version.isEmpty() ? null : ensureBookkeeping(connection);
            Recording record = schema == null ? Recording.NONE
                    : new Recording(bookkeeping.plainStep(direction == Direction.UP, version, schema),
                            bookkeeping.step(direction == Direction.UP, version, schema));
            int count;
            try {
                count = timeouts.around(connection,
                        () -> runAll(revision, direction, scripts, transactional, commit, record, connection, listener,
                                keepsExistingServerObjects));
            } catch (MigrationFailedException e) {
                if (keptInTransaction && ACTIVE_TRANSACTION.equals(e.failure().sqlState())) {
                    throw new MigrationFailedException(revision, direction, e.failure().withHint(inTransactionUnless
                            + ", so this fails in production too"), e.getCause());
                }
                throw e;
            }
            return new StepResult(revision, direction, transactional, outside, count,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            // Not a statement's failure: the session itself (timeouts, auto-commit) could not be set.
            String file = scripts.isEmpty() ? "" : scripts.get(0).file();
            throw new MigrationFailedException(revision, direction, PostgresErrors.failure(file, e), e);
        } catch (UncheckedIOException e) {
            // Scripts are read as they run; the history was read whole before, so the file changed since.
            String files = String.join(", ", scripts.stream().map(SqlScript::file).toList());
            throw new MigrationFailedException(revision, direction, MigrationFailure.of(files,
                    "could not be read while running (" + e.getMessage() + "); the step was rolled back."
                            + " Fix: leave the migration files unchanged while the verifier runs"), e);
        }
    }

    /**
     * Creates the bookkeeping table before the first step on a connection, so even that step's SQL finds it, and
     * returns the schema it is in ("" when the session has none), where the steps record their versions. Asks
     * first: the table is almost always there (a rebuilt database is a clone), and the block that creates it costs a
     * new session 4-5 ms of compiling PL/pgSQL (hatchet-goose: once per rebuild and checkpoint), the question 0.1 ms.
     */
    private String ensureBookkeeping(Connection connection) throws SQLException {
        String known = kept.get(connection);
        if (known != null) {
            return known;
        }
        String schema;
        try (PreparedStatement exists = connection.prepareStatement(
                "select n.nspname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                        + " where c.oid = pg_catalog.to_regclass(?::text)")) {
            exists.setString(1, bookkeeping.table());
            try (ResultSet row = exists.executeQuery()) {
                schema = row.next() ? row.getString(1) : null;
            }
        }
        if (schema == null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(bookkeeping.ensure());
                try (ResultSet row = statement.executeQuery("select pg_catalog.current_schema()")) {
                    schema = row.next() && row.getString(1) != null ? row.getString(1) : "";
                }
            }
        }
        kept.put(connection, schema);
        return schema;
    }

    /**
     * Runs the statements, then the bookkeeping SQL ({@code record}, may be empty), and commits unless told
     * not to (the caller's transaction). In a transaction
     * the bookkeeping goes with the last statement, in the same round trip: a step costs what its own
     * statements cost.
     */
    private static int runAll(
            Revision revision, Direction direction, List<SqlScript> scripts, boolean transactional, boolean commit,
            Recording record, Connection connection, StatementListener listener, boolean keepExisting)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(!transactional);
        try {
            int count = 0;
            SqlScript lastScript = null;
            SqlStatement last = null;
            for (SqlScript script : scripts) {
                listener.scriptStarting(connection, script.file(), script.linesContaining(StatementListener.COMMENT_MARK));
                // In the runner's (or the caller's) transaction a script's own BEGIN and COMMIT are left out (counted,
                // not sent).
                OwnTransaction own = transactional ? OwnTransaction.of(script).orElse(null) : null;
                int ordinal = 0;
                try (StatementCursor cursor = script.open()) {
                    for (SqlStatement statement = cursor.next(); statement != null; statement = cursor.next(), ordinal++) {
                        if (own != null && own.wraps(ordinal)) {
                            count++;
                            continue;
                        }
                        if (last != null) {
                            execute(revision, direction, lastScript, last, null, Recording.NONE, connection, transactional,
                                    listener, keepExisting);
                        }
                        lastScript = script;
                        last = statement;
                        count++;
                        // Its data is streamed from the file now, before the cursor moves on; never with the bookkeeping.
                        if (statement.isCopyIn()) {
                            execute(revision, direction, script, statement, cursor.copyData(), Recording.NONE, connection,
                                    transactional, listener, keepExisting);
                            last = null;
                        }
                    }
                }
            }
            // A routine with a BEGIN ATOMIC body is sent alone: the driver would put the bookkeeping after it into its
            // prepared statement (SqlStatement#hasAtomicBody).
            boolean together = transactional && last != null && !last.hasAtomicBody();
            if (last != null) {
                execute(revision, direction, lastScript, last, null, together ? record : Recording.NONE, connection,
                        transactional, listener, keepExisting);
            }
            if (!together && !record.isEmpty()) {
                executeBookkeeping(revision, direction, scripts, record.guarded(), connection, transactional);
            }
            if (transactional) {
                if (commit) {
                    connection.commit();
                }
            } else {
                failIfLeftOpen(revision, direction, scripts, connection);
            }
            return count;
        } catch (UncheckedIOException e) {
            rollbackQuietly(connection, transactional, e);
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * A script run in auto-commit mode that opened a transaction and did not end it: its work is
     * rolled back and the step fails here, naming the {@code BEGIN}, rather than the next step
     * committing the work or failing inside the transaction.
     */
    private static void failIfLeftOpen(Revision revision, Direction direction, List<SqlScript> scripts,
            Connection connection) throws SQLException {
        if (connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE) {
            return;
        }
        SQLException cause = new SQLException("transaction left open");
        rollbackQuietly(connection, false, cause);
        MigrationFailure failure = TransactionRules.lastTransactionStart(scripts)
                .map(begin -> new MigrationFailure(begin.script().file(), begin.statement().line(),
                        begin.statement().column(), "leaves a transaction open: this " + TransactionRules.firstWords(begin.statement().code())
                                + " has no COMMIT by the end of the file; its work was rolled back",
                        "", "end the transaction with COMMIT", "", begin.statement().sql()))
                .orElseGet(() -> MigrationFailure.of(scripts.isEmpty() ? String.join(", ", revision.files())
                        : scripts.get(scripts.size() - 1).file(),
                        "leaves a transaction open (BEGIN without COMMIT); its work was rolled back"));
        throw new MigrationFailedException(revision, direction, failure, null);
    }

    private static void executeBookkeeping(
            Revision revision, Direction direction, List<SqlScript> scripts, String record, Connection connection,
            boolean transactional) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            jdbc.execute(record);
        } catch (SQLException e) {
            rollbackQuietly(connection, transactional, e);
            String file = scripts.isEmpty() ? String.join(", ", revision.files()) : scripts.get(0).file();
            throw new MigrationFailedException(revision, direction, bookkeepingFailure(file, e), e);
        }
    }

    /**
     * The step's statements ran and recording it in the tool's table failed: no statement of the file is to fix,
     * so the failure names the file, not its last statement (a file that ends in {@code SET ROLE app} was told
     * "Fix the statement at 1_a.up.sql:2:1", a statement that had run). The record is written in the session the
     * file leaves, as the tools write theirs on the migration's connection.
     */
    private static MigrationFailure bookkeepingFailure(String file, SQLException error) {
        MigrationFailure failure = PostgresErrors.failure(file, error);
        return failure.withMessage("its statements ran, but recording the step in the tool's table failed: "
                + failure.message()).withFix("leave a session that can write the tool's table at the end of " + file
                + ": the tool records the step on the same connection, so a SET ROLE (or SET SESSION AUTHORIZATION)"
                + " in the file applies to that record too; end the file with RESET ROLE, or grant that role what the"
                + " table needs");
    }

    /**
     * A step's bookkeeping in its transaction. {@code plain} goes after the last statement, in its round trip, under a
     * savepoint; where it fails (the step dropped or changed the table) the walk goes back to the savepoint and runs
     * {@code guarded}, which creates the table first when it is missing. Not the guarded block every time: PL/pgSQL
     * compiles a {@code DO} block anew each run, 0.21 ms a step in the server against 0.01 ms for the statements
     * inside it (generated-200 on Postgres 15, 801 steps).
     */
    private record Recording(String plain, String guarded) {
        static final Recording NONE = new Recording("", "");
        static final String SAVEPOINT = "migrationtest_bookkeeping";

        boolean isEmpty() {
            return guarded.isEmpty();
        }

        String underSavepoint() {
            return "SAVEPOINT " + SAVEPOINT + ";\n" + plain + ";\nRELEASE SAVEPOINT " + SAVEPOINT;
        }
    }

    /**
     * Runs one statement, with {@code after} (the step's bookkeeping, or none) in the same round trip;
     * a {@code COPY ... FROM STDIN} with its {@code copyData}; with {@code keepExisting}, a creation of a role or
     * tablespace that exists as a no-op.
     */
    private static void execute(
            Revision revision, Direction direction, SqlScript script, SqlStatement statement, Reader copyData,
            Recording after, Connection connection, boolean transactional, StatementListener listener,
            boolean keepExisting) throws SQLException {
        StatementListener.ExecutedStatement reported = new StatementListener.ExecutedStatement(
                script.file(), statement.line(), statement.sql(), statement.code(), transactional);
        listener.beforeStatement(connection, reported);
        // Only a step in the runner's transaction records with its last statement, and such a step holds no statement
        // that ends the transaction (TransactionRules), so the savepoint has one to live in.
        boolean savepointed = !after.isEmpty();
        try {
            if (statement.isCopyIn()) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn(statement.sql(), copyData);
            } else if (keepExisting && after.isEmpty() && ExistingServerObjects.creates(statement)) {
                ExistingServerObjects.createUnlessExists(connection, statement, script.file());
            } else {
                try (Statement jdbc = connection.createStatement()) {
                    // JDBC escapes ({fn ...}, {d '...'}) are not SQL: leave the text as written.
                    jdbc.setEscapeProcessing(false);
                    // A new line first: the statement may end in a line comment.
                    jdbc.execute(savepointed ? statement.sql() + "\n;\n" + after.underSavepoint() : statement.sql());
                }
            }
        } catch (SQLException e) {
            SQLException failure = savepointed ? recordApart(connection, after, e) : e;
            if (failure != null) {
                rollbackQuietly(connection, transactional, failure);
                // recordApart answers another exception when the statement ran and only the record of the step failed
                MigrationFailure cause = failure != e ? bookkeepingFailure(script.file(), failure)
                        : PostgresErrors.failure(script, statement, failure);
                throw new MigrationFailedException(revision, direction,
                        savepointed ? withoutBookkeeping(cause) : cause, failure);
            }
        } catch (IOException e) {
            rollbackQuietly(connection, transactional, e);
            MigrationFailure failure = new MigrationFailure(script.file(), statement.line(), statement.column(),
                    "could not send the COPY data: " + e.getMessage(), "", "", "", statement.excerpt());
            throw new MigrationFailedException(revision, direction, failure, e);
        }
        listener.afterStatement(connection, reported);
    }

    /**
     * A statement left open (an unterminated quote or dollar quote) swallows the bookkeeping sent after it in the same
     * round trip, and Postgres quotes all of it "at or near": the message keeps only the user's text.
     */
    private static MigrationFailure withoutBookkeeping(MigrationFailure failure) {
        int appended = failure.message().indexOf("\n;\nSAVEPOINT " + Recording.SAVEPOINT);
        if (appended < 0) {
            return failure;
        }
        String message = failure.message().substring(0, appended);
        return failure.withMessage(message.contains("at or near \"") ? message + "\"" : message);
    }

    /**
     * After a round trip of a statement and its bookkeeping under {@link Recording#underSavepoint} failed: when the
     * savepoint is there, the statement ran and its bookkeeping failed, so the transaction goes back to the savepoint
     * and the guarded bookkeeping runs. The failure to report: the statement's own (there is no savepoint), the
     * guarded bookkeeping's, or none when the step is recorded.
     */
    private static SQLException recordApart(Connection connection, Recording record, SQLException failed) {
        try (Statement back = connection.createStatement()) {
            back.execute("ROLLBACK TO SAVEPOINT " + Recording.SAVEPOINT + "; RELEASE SAVEPOINT " + Recording.SAVEPOINT);
        } catch (SQLException noSavepoint) {
            return failed;
        }
        try (Statement guarded = connection.createStatement()) {
            guarded.execute(record.guarded());
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * Ends the transaction a failed statement left aborted: ours, or one the script opened itself
     * with {@code BEGIN} (run in auto-commit mode), which would otherwise refuse every later command
     * on the caller's connection, the restoring of its settings included.
     */
    private static void rollbackQuietly(Connection connection, boolean transactional, Exception cause) {
        try {
            if (transactional) {
                connection.rollback();
            } else if (connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                // JDBC's rollback() refuses in auto-commit mode: say it in SQL.
                try (Statement rollback = connection.createStatement()) {
                    rollback.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
