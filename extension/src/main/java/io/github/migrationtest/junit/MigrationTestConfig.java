package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.VerifierOptions;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import io.github.migrationtest.verifier.source.SourceOptions;
import io.github.migrationtest.verifier.spring.SpringMigrationSettings;
import java.util.Optional;

/**
 * What one {@code @MigrationTest} class is configured with, read and checked once per class.
 *
 * @param location the history's location, a filesystem path made absolute
 * @param source how to read the history
 * @param postgres where Postgres comes from; also says whether failed databases are kept
 * @param verifier what {@link MigrationChecks} verifies; its init scripts also prepare every test database, and its
 *     snapshot options say what a {@link io.github.migrationtest.verifier.snapshot.SchemaSnapshot} parameter includes
 * @param perClass whether the class shares one database
 * @param startAt {@code base}, {@code head} or a revision id, with where it was configured
 * @param spring the Spring Boot settings the history was found by, when no location was given
 */
record MigrationTestConfig(String location, SourceOptions source, PostgresSettings postgres, VerifierOptions verifier,
                           boolean perClass, Setting startAt, Optional<SpringMigrationSettings> spring) {

    static final String BASE = "base";
    static final String HEAD = "head";
}
