package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import java.util.Optional;

/**
 * The schema the application expects, which {@code HEAD_MATCHES_MODEL} compares the head of a
 * history with: a committed snapshot file, a reference {@code schema.sql}, JPA entities or SQLAlchemy metadata.
 */
public interface SchemaModel {

    /** How reports name the model: {@code snapshot file src/test/resources/schema.snapshot}. */
    String description();

    /**
     * The desired schema as a snapshot. Models that need a database to build it in create a scratch
     * database on {@code server} and drop it before returning, also on failure.
     *
     * @throws ModelException when the model cannot be read or built, naming the file and the fix
     */
    SchemaSnapshot snapshot(PostgresServer server, SnapshotOptions options);

    /**
     * What the model's own tool would have said of the same head, for the report beside the differences
     * (SQLAlchemy metadata: what {@code alembic check} reports); asked only when the head differs from the
     * model. Says in its text when the tool could not be run, rather than throwing.
     *
     * @param diff the differences between the model ({@code expected}) and the head ({@code actual})
     * @return one sentence; empty when the model has no such tool
     */
    default Optional<String> toolVerdict(PostgresServer server, SnapshotOptions options, SchemaSnapshot head, DiffResult diff) {
        return Optional.empty();
    }
}
