package io.github.migrationtest.verifier.model;

import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;

/**
 * The schema the application expects, which {@code HEAD_MATCHES_MODEL} compares the head of a
 * history with: a committed snapshot file, a reference {@code schema.sql}, or JPA entities.
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
}
