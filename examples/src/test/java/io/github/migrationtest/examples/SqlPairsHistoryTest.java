package io.github.migrationtest.examples;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;

/** The same one-line suite for a history on the filesystem: a relative path is relative to the project directory. */
@MigrationTest(location = "histories/sql-pairs")
class SqlPairsHistoryTest implements MigrationChecks {
}
