package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.snapshot.SnapshotOptions;
import io.github.migrationtest.verifier.source.SourceOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code @MigrationTest} class is configured with, read and checked once per class.
 *
 * @param location the history's location, a filesystem path made absolute
 * @param source how to read the history
 * @param postgres where Postgres comes from; also says whether failed databases are kept
 * @param verifier what {@link MigrationChecks} verifies
 * @param initScripts run on every new database before revision 1
 * @param snapshot what a {@link io.github.migrationtest.verifier.snapshot.SchemaSnapshot} includes
 * @param perClass whether the class shares one database
 * @param startAt {@code base}, {@code head} or a revision id, with where it was configured
 */
record MigrationTestConfig(String location, SourceOptions source, PostgresSettings postgres, VerifierOptions verifier,
                           List<Path> initScripts, SnapshotOptions snapshot, boolean perClass, Setting startAt) {

    static final String BASE = "base";
    static final String HEAD = "head";

    boolean keepFailed() {
        return postgres.keepFailedDatabases();
    }
}
