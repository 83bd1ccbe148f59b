package io.github.migrationtest.verifier.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.Outcome;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.report.RevisionReport;
import io.github.migrationtest.verifier.report.VerificationReport;
import io.github.migrationtest.verifier.source.MigrationSource;
import io.github.migrationtest.verifier.source.MigrationSources;
import io.github.migrationtest.verifier.source.Revision;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a failed round trip says its downgrade lacks (in the fix, or as SQL with the failure) is what a user adds: on
 * a copy of a real history, each such downgrade is given it, and verified again, each of those round trips passes.
 * The corpus's pair-file histories, whose downgrades are files of their own, and a goose history, whose downgrades
 * are the {@code -- +goose Down} sections of one file per revision (the SQL goes there as one statement block, as a user
 * adds PL/pgSQL to goose).
 */
class DowngradeCompletionCorpusTest {

    private static final String INLINE = "(it lacks: ";

    @TempDir
    Path temp;

    /** The copy of the history, beside (not inside) the prelude's file, which goose would read as a migration. */
    private Path copy;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keto-popx", "vaultwarden-diesel", "openlane-goose"})
    void every_downgrade_given_what_it_lacks_restores_the_schema(String name) throws IOException {
        CorpusHistory history = CorpusHistory.all().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
        Path original = Corpus.path(history.name(), history.location());
        copy = temp.resolve("history");
        copyOf(original);
        VerifierOptions options = VerifierOptions.defaults().withInitScripts(prelude(history));

        Map<String, String> lacking = new TreeMap<>();
        try (MigrationSource source = MigrationSources.open(original, SourceOptions.defaults())) {
            VerificationReport report = new Verifier(source, options).verify(PostgresServer.shared());
            for (Revision revision : source.revisions()) {
                Optional<CheckResult> down = report.revision(revision.id()).flatMap(r -> r.result(Check.DOWNGRADE_RESTORES_SCHEMA));
                if (down.isEmpty() || !down.get().isFailed() || down.get().error().isPresent()) {
                    continue; // passed, or failed on a statement of its own: no SQL to add
                }
                String sql = statements(down.get());
                assertThat(sql).as("what revision %s's downgrade lacks", revision.id()).isNotBlank();
                Path downFile = copy.resolve(original.relativize(Path.of(revision.files().get(revision.files().size() - 1))));
                Files.writeString(downFile, addition(Files.readString(downFile), sql), StandardOpenOption.APPEND);
                lacking.put(revision.id(), sql);
            }
        }
        assertThat(lacking).as("broken downgrades to complete").isNotEmpty();

        try (MigrationSource source = MigrationSources.open(copy, SourceOptions.defaults())) {
            VerificationReport completed = new Verifier(source, options).verify(PostgresServer.shared());
            List<String> stillBroken = new ArrayList<>();
            for (String id : lacking.keySet()) {
                RevisionReport revision = completed.revision(id).orElseThrow();
                if (revision.result(Check.DOWNGRADE_RESTORES_SCHEMA).map(CheckResult::outcome).orElse(null) != Outcome.PASSED) {
                    stillBroken.add(id + ": " + revision.result(Check.DOWNGRADE_RESTORES_SCHEMA).orElseThrow()
                            + "\nadded: " + lacking.get(id));
                }
            }
            assertThat(stillBroken).as("downgrades given what they lacked that still do not restore the schema").isEmpty();
        }
    }

    /**
     * What goes at the end of a downgrade: a down file's own statements; in a goose file (whose Down section is last,
     * or missing) a statement block, since the SQL may hold functions with semicolons inside.
     */
    private static String addition(String downgrade, String sql) {
        if (!downgrade.contains("-- +goose Up")) {
            return "\n" + sql + "\n";
        }
        return (downgrade.contains("-- +goose Down") ? "" : "\n-- +goose Down")
                + "\n-- +goose StatementBegin\n" + sql + "\n-- +goose StatementEnd\n";
    }

    private List<Path> prelude(CorpusHistory history) throws IOException {
        if (history.prelude().isEmpty()) {
            return List.of();
        }
        return List.of(Files.writeString(temp.resolve(history.name() + "-prelude.sql"), history.prelude()));
    }

    /** The SQL as the failure gives it: with the failure when long, else in the fix's "(it lacks: ...)". */
    private static String statements(CheckResult down) {
        Optional<String> shown = down.migration().map(ProposedMigration::downgrade).filter(sql -> !sql.isBlank());
        if (shown.isPresent()) {
            return shown.get();
        }
        String fix = down.fix();
        int from = fix.indexOf(INLINE);
        return from < 0 ? "" : fix.substring(from + INLINE.length(), fix.indexOf("), or declare", from));
    }

    private void copyOf(Path original) throws IOException {
        try (Stream<Path> files = Files.walk(original)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(original.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
