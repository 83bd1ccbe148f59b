package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway's repeatable ({@code R__}) migrations in a walk of one version at a time. Flyway applies the
 * pending repeatables after the versioned migrations of a {@code migrate}; their text is today's,
 * written against the head schema (a view over a table a later version creates would fail after
 * version 1). So they run where a {@code migrate} of the whole history runs them: after the head
 * version, in the head's upgrade step, as Flyway orders them, with callbacks as usual.
 *
 * <p>Every other state of the walk is versioned migrations only, which is what the {@code U}
 * scripts are written against. The head's downgrade therefore first takes the repeatables away:
 * it puts back the schema as it was just before the first repeatable ran (read then, through a
 * Flyway callback) with the statements a closing migration would write, checks that this schema
 * is reached, and forgets the repeatables in the schema history table, so the next upgrade of
 * the head applies them again. Then the head's {@code U} script runs on the state it was written for.
 */
final class Repeatables {

    /** The schema just before the first repeatable ran, by database: a source walks several at once. */
    private final Map<String, SchemaSnapshot> before = new ConcurrentHashMap<>();

    /** A callback that reads the schema once, before the first repeatable of a {@code migrate}. */
    Callback recorder(String historyTable) {
        return new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_EACH_MIGRATE && context.getMigrationInfo() != null
                        && context.getMigrationInfo().getVersion() == null;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    Connection connection = context.getConnection();
                    if (!before.containsKey(connection.getCatalog())) {
                        before.put(connection.getCatalog(), read(connection, historyTable));
                    }
                } catch (SQLException e) {
                    throw new FlywayException("could not read the schema before the repeatable migrations", e);
                }
            }

            @Override
            public String getCallbackName() {
                return "migrationtest: schema before repeatable migrations";
            }
        };
    }

    /**
     * The script that takes the repeatables' objects away, when they were applied in this database;
     * empty when none were. Called at the head's downgrade, before its {@code U} script.
     */
    Optional<SqlScript> removal(Revision head, Connection connection, SchemaHistoryTable table) {
        try {
            SchemaSnapshot wanted = before.get(connection.getCatalog());
            if (wanted == null) {
                if (table.repeatablesApplied()) {
                    throw failure(head, "the repeatable migrations were applied, but not in an upgrade of this"
                            + " source, so what they changed is not known; downgrade from a database this source upgraded");
                }
                return Optional.empty();
            }
            SchemaSnapshot now = read(connection, table.table());
            DiffResult diff = SchemaDiff.compare(wanted, now);
            ClosingMigration undo = ClosingMigration.between(now, wanted, diff);
            if (!undo.manual().isEmpty()) {
                throw failure(head, "the changes of the repeatable migrations cannot be undone by generated SQL: "
                        + String.join("; ", undo.manual()));
            }
            String sql = undo.upgrade() + "\n" + table.forgetRepeatablesSql();
            return Optional.of(SqlScript.parse("undo of the repeatable migrations", sql));
        } catch (SQLException e) {
            throw failure(head, "cannot read the schema: " + e.getMessage(), e);
        }
    }

    /**
     * A statement of the removal that Postgres refused, said as the verifier's: the history holds no such SQL, so
     * "fix the statement" would send its authors looking for what they did not write.
     */
    static MigrationFailedException ours(MigrationFailedException failed) {
        return failed.withFailure(failed.failure().withFix("This SQL is the verifier's own, not the history's: it"
                + " takes away what the repeatable migrations made before the head's U script runs, and Postgres refused"
                + " it. Please report it with this message; meanwhile declare the head revision irreversible to verify"
                + " the others"));
    }

    /** Checks that the removal reached the schema from before the repeatables, and forgets that schema. */
    void checkRemoved(Revision head, Connection connection, String historyTable) {
        try {
            SchemaSnapshot wanted = before.remove(connection.getCatalog());
            DiffResult left = SchemaDiff.compare(wanted, read(connection, historyTable));
            if (!left.matches()) {
                throw failure(head, "undoing the repeatable migrations left differences: " + left.render().strip());
            }
        } catch (SQLException e) {
            throw failure(head, "cannot read the schema: " + e.getMessage(), e);
        }
    }

    /** Forgets what was read for this database: the repeatables were rolled back with a failed upgrade. */
    void forget(Connection connection) throws SQLException {
        before.remove(connection.getCatalog());
    }

    private static SchemaSnapshot read(Connection connection, String historyTable) throws SQLException {
        return SnapshotReader.read(connection, SnapshotOptions.defaults().withAlsoExcludedTables(historyTable));
    }

    private static String downgradeFile(Revision head) {
        return head.files().get(head.files().size() - 1);
    }

    private static MigrationFailedException failure(Revision head, String message) {
        return failure(head, message, null);
    }

    private static MigrationFailedException failure(Revision head, String message, SQLException cause) {
        return new MigrationFailedException(head, Direction.DOWN, MigrationFailure.of(downgradeFile(head), message), cause);
    }
}
