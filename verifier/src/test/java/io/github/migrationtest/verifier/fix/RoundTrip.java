package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.RichFixture;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import io.github.migrationtest.verifier.source.script.ScriptRunner;
import io.github.migrationtest.verifier.source.script.SqlScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A head schema in one database and a desired one in another, both built from SQL, their diff and
 * the generated migration; the scripts run on the head database the way a migration tool runs a
 * revision's file (one transaction, unless a statement forbids it).
 */
final class RoundTrip implements AutoCloseable {
    /** A role for grant cases; roles are cluster-wide and test databases share one server. */
    static final String ROLE = "DO $$ BEGIN CREATE ROLE migrationtest_fix_reader NOLOGIN;"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$;\n";
    private static final Revision REVISION = Revision.reversible("fix", "closing migration", List.of("fix.sql"));

    private final DisposableDatabase database;
    private final SchemaSnapshot head;
    private final SchemaSnapshot desired;
    private final DiffResult diff;
    private final ClosingMigration migration;

    private final DiffOptions options;

    private RoundTrip(DisposableDatabase database, SchemaSnapshot head, SchemaSnapshot desired, DiffOptions options) {
        this.database = database;
        this.head = head;
        this.desired = desired;
        this.options = options;
        this.diff = SchemaDiff.compare(desired, head, options);
        this.migration = ClosingMigration.between(head, desired, diff);
    }

    static RoundTrip of(String headSql, String desiredSql) throws SQLException {
        return of(headSql, desiredSql, DiffOptions.defaults());
    }

    /** The diff, and what is left of it after the upgrade, are taken with these options. */
    static RoundTrip of(String headSql, String desiredSql, DiffOptions options) throws SQLException {
        PostgresServer server = PostgresServer.shared();
        DisposableDatabase database = server.createDatabase();
        try (DisposableDatabase other = server.createDatabase()) {
            execute(database, "head.sql", headSql);
            execute(other, "desired.sql", desiredSql);
            return new RoundTrip(database, RichFixture.snapshot(database), RichFixture.snapshot(other), options);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Builds a schema from SQL as the project runs a reference {@code schema.sql}: split as it splits
     * scripts (dollar quotes, {@code BEGIN ATOMIC}), and a failing statement named by line and column.
     */
    private static void execute(DisposableDatabase database, String file, String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            ScriptFiles.run("setup", file, List.of(SqlScript.parse(file, sql)), connection);
        }
    }

    SchemaSnapshot head() {
        return head;
    }

    SchemaSnapshot desired() {
        return desired;
    }

    DiffResult diff() {
        return diff;
    }

    ClosingMigration migration() {
        return migration;
    }

    /** Runs the upgrade on the head database and returns what is left of the diff. */
    DiffResult upgrade() throws SQLException {
        run(migration.upgrade(), Direction.UP);
        return SchemaDiff.compare(desired, current(), options);
    }

    /** Runs the downgrade on the head database and returns the schema it leaves. */
    SchemaSnapshot downgrade() throws SQLException {
        run(migration.downgrade(), Direction.DOWN);
        return current();
    }

    SchemaSnapshot current() throws SQLException {
        return RichFixture.snapshot(database);
    }

    /** The first column of what {@code query} returns on the head database, row by row. */
    List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private void run(String sql, Direction direction) throws SQLException {
        try (Connection connection = database.connect()) {
            new ScriptRunner(Duration.ofSeconds(10), Duration.ofSeconds(60))
                    .run(REVISION, direction, List.of(SqlScript.parse("fix.sql", sql)), "", connection);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
