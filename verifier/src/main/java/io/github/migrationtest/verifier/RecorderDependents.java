package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code DROP} refused for what the verifier's own DDL recorder holds: its event triggers' functions are PL/pgSQL
 * (schema {@code migrationtest_recorder}, {@code DdlRecorder}), so Postgres's detail names them among what depends on
 * the language. A downgrade that drops {@code plpgsql} (glint's dbmate {@code DROP EXTENSION IF EXISTS plpgsql}, after
 * an upgrade's {@code CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog} that made nothing) was told to
 * drop the recorder's functions first. Its lines are left out of the detail; where nothing else depends on what the
 * statement drops, the failure says that where the verifier is not watching the statement runs, and what it takes.
 */
final class RecorderDependents {

    /** A detail line about the recorder: its functions, or its event triggers ({@code migrationtest_command_end}). */
    private static final Pattern RECORDER = Pattern.compile(
            "(?:.*\\bmigrationtest_recorder\\..*|event trigger migrationtest_\\w+ depends on .*)");

    private RecorderDependents() {
    }

    /** The failure without the recorder in its detail, explained, when the recorder is among what Postgres names. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        if (!"2BP01".equals(failure.sqlState()) || failure.detail().isBlank()) {
            return Optional.empty();
        }
        List<String> lines = failure.detail().lines().toList();
        List<String> others = lines.stream().filter(line -> !RECORDER.matcher(line.trim()).matches()).toList();
        if (others.size() == lines.size()) {
            return Optional.empty();
        }
        if (others.stream().anyMatch(line -> !line.isBlank())) {
            MigrationFailure theirs = failure.withDetail(String.join("\n", others));
            return OrderingFixes.explain(theirs).or(() -> Optional.of(theirs));
        }
        return Optional.of(failure.withDetail("").withoutHint().withHint("Nothing of the history depends on it, only the"
                + " verifier's own DDL recorder (the PL/pgSQL functions of its event triggers, in schema"
                + " migrationtest_recorder): where the verifier is not watching, this statement runs and the database"
                + " loses PL/pgSQL, which every database has (CREATE EXTENSION IF NOT EXISTS plpgsql creates nothing)"
                + " and every PL/pgSQL function needs.").withFix("Keep PL/pgSQL: remove the statement at "
                + failure.location()));
    }
}
