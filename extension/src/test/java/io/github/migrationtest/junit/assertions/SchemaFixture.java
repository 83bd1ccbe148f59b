package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.junit.MigrationTest;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import org.junit.jupiter.api.BeforeAll;

/** The assert tests' schema: a real snapshot of histories/schema at head, read through the extension itself. */
@MigrationTest(location = "classpath:histories/schema", startAt = "head", database = MigrationTest.Database.PER_CLASS)
abstract class SchemaFixture {

    static SchemaSnapshot schema;

    @BeforeAll
    static void readSchema(SchemaSnapshot snapshot) {
        schema = snapshot;
    }
}
