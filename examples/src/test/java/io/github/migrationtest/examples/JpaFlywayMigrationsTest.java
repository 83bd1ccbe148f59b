package io.github.migrationtest.examples;

import io.github.migrationtest.junit.MigrationChecks;
import io.github.migrationtest.junit.MigrationTest;

/**
 * The JPA example: its history round-trips like any other (every U script undoes its V script),
 * and at head it builds exactly the schema the entities of {@code examples.jpa} expect, the way
 * Hibernate exports them. Hibernate makes up the names of the foreign key and index it was not
 * given, so constraints are matched by definition; the renames stay visible in the report.
 */
@MigrationTest(location = "classpath:db/jpa-flyway", model = "jpa:io.github.migrationtest.examples.jpa",
        constraintNames = MigrationTest.ConstraintNames.BY_DEFINITION)
class JpaFlywayMigrationsTest implements MigrationChecks {
}
