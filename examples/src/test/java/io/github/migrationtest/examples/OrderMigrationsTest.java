package io.github.migrationtest.examples;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;

/**
 * The whole migration suite: for each revision of src/test/resources/db/migration, a test that its
 * upgrade applies, that its downgrade restores the schema, and that upgrading again gives the same
 * schema; plus the history's own checks.
 */
@MigrationTest(location = "classpath:db/migration")
class OrderMigrationsTest implements MigrationChecks {
}
