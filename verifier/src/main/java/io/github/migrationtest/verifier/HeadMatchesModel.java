package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.fix.ClosingMigration;
import io.github.migrationtest.verifier.model.ModelException;
import io.github.migrationtest.verifier.model.ModelFileException;
import io.github.migrationtest.verifier.model.SchemaModel;
import io.github.migrationtest.verifier.model.SnapshotFileModel;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.report.Check;
import io.github.migrationtest.verifier.report.CheckResult;
import io.github.migrationtest.verifier.report.ProposedMigration;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * {@link Check#HEAD_MATCHES_MODEL}, the counterpart of {@code alembic check}: the schema the history
 * builds at head equals the one the model describes. A difference is listed by path, with the SQL
 * that would close it; in update mode a snapshot file is written with the head schema instead. A model
 * that cannot be read fails this check, not the verification, so the other checks' results stand.
 */
final class HeadMatchesModel {

    private static final Check CHECK = Check.HEAD_MATCHES_MODEL;

    /** Writes the SQL that closes a gap: {@link ClosingMigration#between}, or a stand-in in tests. */
    @FunctionalInterface
    interface Generator {
        ClosingMigration between(SchemaSnapshot head, SchemaSnapshot desired, DiffResult diff);
    }

    private final VerifierOptions options;
    private final PostgresServer server;
    private final Generator generator;

    HeadMatchesModel(VerifierOptions options, PostgresServer server) {
        this(options, server, ClosingMigration::between);
    }

    HeadMatchesModel(VerifierOptions options, PostgresServer server, Generator generator) {
        this.options = options;
        this.server = server;
        this.generator = generator;
    }

    /** @param head the schema at head; empty when an upgrade failed on the way */
    CheckResult run(Optional<SchemaSnapshot> head) {
        if (options.model().isEmpty()) {
            return CheckResult.skipped(CHECK, "no model given to compare the head schema with");
        }
        if (head.isEmpty()) {
            return CheckResult.notReached(CHECK, "an upgrade failed, so head was never reached");
        }
        SchemaModel model = options.model().get();
        try {
            if (options.updateSnapshot() && model instanceof SnapshotFileModel file) {
                return file.update(head.get()).map(done -> CheckResult.passed(CHECK, done))
                        .orElseGet(() -> CheckResult.passed(CHECK));
            }
            return compare(model, head.get(), model.snapshot(server, options.snapshot()));
        } catch (ModelFileException e) {
            return CheckResult.failed(CHECK, "the model could not be read: " + model.description(),
                    Findings.error(e.failure()), e.fix());
        } catch (ModelException e) {
            return CheckResult.failed(CHECK, "the model could not be read: " + e.getMessage(), List.of(), "");
        } catch (RuntimeException | LinkageError e) {
            // A model built by a library (Hibernate) may fail in that library's terms; the other checks still stand.
            return CheckResult.failed(CHECK, "the model could not be built: " + model.description() + ": "
                    + e.getClass().getName() + ": " + e.getMessage(), List.of(), "");
        }
    }

    private CheckResult compare(SchemaModel model, SchemaSnapshot headRead, SchemaSnapshot desiredRead) {
        SchemaSnapshot head = headRead.withoutDatabaseAdministration();
        SchemaSnapshot desired = desiredRead.withoutDatabaseAdministration();
        DiffResult diff = SchemaDiff.compare(desired, head, options.diff());
        if (diff.matches()) {
            return CheckResult.passed(CHECK, Findings.differences(diff));
        }
        ProposedMigration migration = propose(head, desired, diff);
        String verdict = model.toolVerdict(server, options.snapshot(), head, diff).map(text -> "; " + text).orElse("");
        return CheckResult.failed(CHECK, "the head schema does not match " + model.description() + verdict,
                Findings.differences(diff), fix(model, migration)).withMigration(migration);
    }

    private ProposedMigration propose(SchemaSnapshot head, SchemaSnapshot desired, DiffResult diff) {
        try {
            ClosingMigration closing = generator.between(head, desired, diff);
            return ProposedMigration.of(closing.upgrade(), closing.downgrade(), closing.manual());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug in the generator must not hide the differences: they are the finding, the SQL is a help.
            return ProposedMigration.notGenerated(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String fix(SchemaModel model, ProposedMigration migration) {
        boolean sqlShown = migration.generated() && !migration.upgrade().isBlank();
        String fix = "Add a migration that makes the head schema match the model" + (sqlShown ? " (the SQL above is a start)" : "")
                + ", or change the model";
        if (model instanceof SnapshotFileModel file) {
            fix += "; if the migrations are right, update the snapshot file: " + file.howToUpdate();
        }
        return fix;
    }
}
