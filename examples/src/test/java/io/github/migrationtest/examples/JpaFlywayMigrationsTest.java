package io.github.migrationtest.examples;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;

/** The JPA example's history round-trips like any other: every U script undoes its V script. */
@MigrationTest(location = "classpath:db/jpa-flyway")
class JpaFlywayMigrationsTest implements MigrationChecks {
}
