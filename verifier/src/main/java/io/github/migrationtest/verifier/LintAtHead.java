package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.lint.SchemaLint;
import io.github.migrationtest.verifier.report.HeadLint;
import io.github.migrationtest.verifier.snapshot.Schema;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The schema lint, run once on the database the walk left at head, before anything moves it away. */
final class LintAtHead {

    private LintAtHead() {
    }

    /** @throws SQLException when the walk's database cannot be reached; a failing lint is only reported */
    static HeadLint run(HistoryWalk walk, Optional<SchemaSnapshot> head, VerifierOptions options) throws SQLException {
        if (!options.safety().lint() || walk.anUpgradeFailed() || head.isEmpty()) {
            return HeadLint.NONE;
        }
        long started = System.nanoTime();
        // The schemas the snapshots read, so the lint sees what the verification verified and nothing else.
        Set<String> schemas = head.get().objects(Schema.class).stream().map(Schema::name).collect(Collectors.toSet());
        SchemaLint.Result result = SchemaLint.run(walk.databaseAtHead().connection(), schemas,
                options.snapshot().excludedTables());
        return new HeadLint(result.findings(), Duration.ofNanos(System.nanoTime() - started), result.skipped());
    }
}
