package io.github.migrationtest.verifier.corpus;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.script.ScriptFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A second opinion on round trips that uses none of the verifier's walk, snapshots or diff: the
 * history is upgraded on one database; before a revision to check, that database is dumped, the
 * revision upgraded and dumped again, and on a copy of it the revision is downgraded, dumped,
 * upgraded again and dumped, all with {@code pg_dump}.
 */
final class IndependentRoundTrips {

    /** What {@code pg_dump} says of one revision's round trip. */
    record Verdict(String revision, Optional<String> downgradeError, String downgradeDifferences,
                   Optional<String> reupgradeError, String reupgradeDifferences) {

        boolean downgradeRestores() {
            return downgradeError.isEmpty() && downgradeDifferences.isEmpty();
        }

        boolean reupgradeReproduces() {
            return downgradeRestores() && reupgradeError.isEmpty() && reupgradeDifferences.isEmpty();
        }
    }

    private final PostgresServer server;
    private final MigrationSource source;
    private final List<Path> initScripts;
    private final LocalDate runStarted = LocalDate.now();

    IndependentRoundTrips(PostgresServer server, MigrationSource source, List<Path> initScripts) {
        this.server = server;
        this.source = source;
        this.initScripts = initScripts;
    }

    /**
     * Checks the revisions at these positions of the history (ids need not be unique: Liquibase's
     * are unique only with their file), walking up to the last of them; stops early where an
     * upgrade fails.
     */
    Map<Integer, Verdict> check(Set<Integer> positions) throws SQLException {
        Map<Integer, Verdict> verdicts = new LinkedHashMap<>();
        try (DisposableDatabase database = server.createDatabase()) {
            // A tool that opens connections of its own (Alembic, in Python) logs in with it; copies share it.
            source.usePassword(database.password());
            try (Connection connection = database.connect()) {
                ScriptFiles.runInitScripts(initScripts, connection);
            }
            List<Revision> revisions = source.revisions();
            // The dump after one checked revision is the dump before the next, when that is checked too.
            SchemaDump after = null;
            for (int position = 0; position < revisions.size() && verdicts.size() < positions.size(); position++) {
                Revision revision = revisions.get(position);
                if (!positions.contains(position)) {
                    after = null;
                    if (!upgrade(revision, database)) {
                        break;
                    }
                    continue;
                }
                SchemaDump before = after != null ? after : dump(database);
                if (!upgrade(revision, database)) {
                    break;
                }
                after = dump(database);
                verdicts.put(position, roundTripOnACopy(revision, database, before, after));
            }
        }
        return verdicts;
    }

    private SchemaDump dump(DisposableDatabase database) {
        return SchemaDump.of(database, runStarted, source.bookkeepingTables());
    }

    private boolean upgrade(Revision revision, DisposableDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            source.upgrade(revision, connection);
            return true;
        } catch (MigrationFailedException e) {
            return false;
        }
    }

    private Verdict roundTripOnACopy(Revision revision, DisposableDatabase database, SchemaDump before, SchemaDump after)
            throws SQLException {
        try (DisposableDatabase copy = server.createDatabaseFrom(database)) {
            try (Connection connection = copy.connect()) {
                source.downgrade(revision, connection);
            } catch (MigrationFailedException e) {
                return new Verdict(revision.id(), Optional.of(e.getMessage()), "", Optional.empty(), "");
            }
            String downDifferences = before.differencesFrom(dump(copy));
            try (Connection connection = copy.connect()) {
                source.upgrade(revision, connection);
            } catch (MigrationFailedException e) {
                return new Verdict(revision.id(), Optional.empty(), downDifferences, Optional.of(e.getMessage()), "");
            }
            return new Verdict(revision.id(), Optional.empty(), downDifferences, Optional.empty(),
                    after.differencesFrom(dump(copy)));
        }
    }
}
