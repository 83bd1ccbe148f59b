package io.github.migrationtest.verifier.source.script;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An init script's {@code CREATE ROLE} ({@code USER}, {@code GROUP}) or {@code CREATE TABLESPACE}, run so that an
 * object that exists is kept. Init scripts stand for what the deployment provides, and these objects are the
 * server's, not the database's: where the scripts ran before on the same server (another database of the run, the
 * model's scratch database, an earlier run on a server the user gave) the role is there already, and Postgres has no
 * {@code IF NOT EXISTS} for it. The statement is then undone and the object left as it is, never dropped or altered,
 * since it may be the user's; the rest of the script runs as written. Any other failure, and a duplicate of anything
 * else, fails the script as before.
 */
final class ExistingServerObjects {

    private static final Logger LOG = LoggerFactory.getLogger(ExistingServerObjects.class);
    /**
     * What one of these statements fails with when its role or tablespace exists: duplicate_object, or unique_violation
     * (on {@code pg_authid}'s name) when another session made it at the same time: parts of a walk on one server run
     * their init scripts at once, and the second waits for the first's commit after finding no such role.
     */
    private static final Set<String> EXISTS = Set.of("42710", "23505");
    private static final String SAVEPOINT = "migrationtest_existing";
    // On the statement's code (upper case, whitespace collapsed). USER MAPPING is a foreign server's, kept in the database.
    private static final Pattern CREATE = Pattern.compile("CREATE (?:ROLE|USER(?! MAPPING\\b)|GROUP|TABLESPACE)\\b");

    private ExistingServerObjects() {
    }

    /** Whether the statement creates a role or tablespace, which may exist already. */
    static boolean creates(SqlStatement statement) {
        return CREATE.matcher(statement.code()).lookingAt();
    }

    /**
     * Runs the statement; when what it creates exists, goes back to just before it (a savepoint inside a
     * transaction, which a failed statement would abort; in auto-commit mode it failed alone) and goes on.
     *
     * @throws SQLException any other failure, the transaction left as the failed statement left it
     */
    static void createUnlessExists(Connection connection, SqlStatement statement, String file) throws SQLException {
        boolean inTransaction = !connection.getAutoCommit()
                || connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
        try (Statement jdbc = connection.createStatement()) {
            // JDBC escapes ({fn ...}) are not SQL: leave the text as written, as every statement of a script.
            jdbc.setEscapeProcessing(false);
            if (inTransaction) {
                jdbc.execute("SAVEPOINT " + SAVEPOINT);
            }
            try {
                jdbc.execute(statement.sql());
            } catch (SQLException e) {
                if (!EXISTS.contains(e.getSQLState())) {
                    throw e;
                }
                if (inTransaction) {
                    jdbc.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
                }
                LOG.debug("{}:{}: {}; kept as it is", file, statement.line(), e.getMessage());
                return;
            }
            if (inTransaction) {
                jdbc.execute("RELEASE SAVEPOINT " + SAVEPOINT);
            }
        }
    }
}
