package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.Findings;
import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.snapshot.SnapshotReader;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.Revision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a live database's status: reads it (read-only, one transaction), locates its revision by its
 * tool's table, builds that revision's schema on a disposable database of {@code server} and compares.
 */
public final class LiveCheck {

    /**
     * How to read and compare, as the verifier does.
     *
     * @param snapshot the schemas to read
     * @param diff ignore rules, column order and constraint names
     * @param initScripts what the environment provides before revision 1 (extensions, roles)
     * @param model the schema the application expects, if it is to be compared too
     * @param versionTables names the tool's table was given instead of its default (golang-migrate's
     *     {@code x-migrations-table}); which tool's it is, is told by its columns
     */
    public record Settings(SnapshotOptions snapshot, DiffOptions diff, List<Path> initScripts,
                           Optional<SchemaModel> model, List<String> versionTables) {

        public Settings {
            initScripts = List.copyOf(initScripts);
            versionTables = List.copyOf(versionTables);
        }

        public static Settings defaults() {
            return new Settings(SnapshotOptions.defaults(), DiffOptions.defaults(), List.of(), Optional.empty(), List.of());
        }

        public Settings withModel(SchemaModel value) {
            return new Settings(snapshot, diff, initScripts, Optional.of(value), versionTables);
        }

        public Settings withInitScripts(List<Path> value) {
            return new Settings(snapshot, diff, value, model, versionTables);
        }

        public Settings withVersionTables(List<String> value) {
            return new Settings(snapshot, diff, initScripts, model, value);
        }
    }

    private LiveCheck() {
    }

    /** What one read-only transaction saw: the tool's table, the schema and the server's major version. */
    private record Reading(Optional<AppliedVersions> versions, SchemaSnapshot schema, int major) {
    }

    /**
     * @throws SQLException when the live database cannot be read (naming the grant that is missing)
     *     or a revision cannot be built
     */
    public static LiveStatus run(LiveDatabase live, MigrationSource history, PostgresServer server, Settings settings)
            throws SQLException {
        long started = System.nanoTime();
        List<String> versionTables = new ArrayList<>(history.bookkeepingTables());
        versionTables.addAll(settings.versionTables());
        SnapshotOptions options = settings.snapshot().withIncremental(false)
                .withAlsoExcludedTables(versionTables.toArray(String[]::new));
        Reading reading = live.read(connection -> new Reading(
                AppliedVersionsReader.read(connection, history.type(), versionTables),
                SnapshotReader.read(connection, options), major(connection)));
        List<Revision> revisions = history.revisions();
        RevisionBuilds builds = new RevisionBuilds(server, history, settings.initScripts(), options);
        int index;
        SchemaSnapshot expected;
        Optional<HistoryPosition> position = reading.versions().map(v -> HistoryPosition.locate(revisions, v));
        if (position.isPresent()) {
            index = position.get().current();
            expected = builds.at(index);
        } else {
            RevisionBuilds.Nearest nearest = builds.nearest(reading.schema(), settings.diff());
            index = nearest.index();
            expected = nearest.schema();
        }
        String label = index < 0 ? "base" : revisions.get(index).label();
        Comparison drift = compare("revision " + label, expected, reading.schema(), settings.diff());
        Optional<Comparison> model = settings.model().map(m -> compare(m.description(),
                m.snapshot(server, options), reading.schema(), settings.diff()));
        List<Revision> pending = position.map(HistoryPosition::pending).orElse(revisions.subList(index + 1, revisions.size()));
        List<Revision> skipped = position.map(p -> p.skipped(revisions)).orElse(List.of());
        return new LiveStatus(live.description(), history.location(), server.description(),
                reading.versions().map(AppliedVersions::describe), label, index == revisions.size() - 1,
                labels(pending), labels(skipped), position.map(HistoryPosition::unknown).orElse(List.of()),
                reading.versions().map(AppliedVersions::failed).orElse(List.of()),
                notes(reading, server),
                drift, model, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Replaces the script's first line when it is the generator's title. */
    private static String retitle(String sql, String title, String replacement) {
        return sql.startsWith(title) ? replacement + sql.substring(sql.indexOf('\n') < 0 ? sql.length() : sql.indexOf('\n'))
                : sql;
    }

    private static int major(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The table's notes, and a warning when the revision was built on another major than the live server's. */
    private static List<String> notes(Reading reading, PostgresServer server) {
        List<String> notes = new ArrayList<>(reading.versions().map(AppliedVersions::notes).orElse(List.of()));
        if (reading.major() != server.majorVersion()) {
            notes.add("the live server is Postgres " + reading.major() + ", the revision was built on "
                    + server.majorVersion() + ": catalog text (view and function definitions) may differ between"
                    + " majors; build on the live server's with --postgres " + reading.major());
        }
        return notes;
    }

    private static List<String> labels(List<Revision> revisions) {
        return revisions.stream().map(Revision::label).toList();
    }

    /** The live schema against {@code expected}, with the SQL that would make it so. */
    private static Comparison compare(String what, SchemaSnapshot expectedRead, SchemaSnapshot liveRead,
                                      DiffOptions options) {
        SchemaSnapshot expected = expectedRead.withoutDatabaseAdministration();
        SchemaSnapshot live = liveRead.withoutDatabaseAdministration(); // the administrator's, not the history's
        DiffResult diff = SchemaDiff.compare(expected, live, options);
        return new Comparison(what, Findings.differences(diff), fix(what, live, expected, diff));
    }

    private static ProposedMigration fix(String what, SchemaSnapshot live, SchemaSnapshot expected, DiffResult diff) {
        if (diff.matches()) {
            return ProposedMigration.of("", "", List.of());
        }
        try {
            ClosingMigration closing = ClosingMigration.between(live, expected, diff);
            // The generator's titles speak of a migration to add; here the SQL is for the live database.
            return ProposedMigration.of(
                    retitle(closing.upgrade(), "-- Upgrade:", "-- Brings the live database in line with " + what
                            + "; " + StatusText.NOT_RUN + "."),
                    retitle(closing.downgrade(), "-- Downgrade:", "-- Undoes the above: back to the live schema as it is."),
                    closing.manual());
        } catch (RuntimeException | StackOverflowError e) {
            // The differences are the finding; the SQL is a help, and a bug in writing it must not hide them.
            return ProposedMigration.notGenerated(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
