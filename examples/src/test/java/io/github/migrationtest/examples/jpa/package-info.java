/**
 * The JPA example's entities: the schema the application expects, which the Flyway history in
 * {@code src/test/resources/db/jpa-flyway} must build (see {@code JpaModelExampleTest}).
 */
package io.github.migrationtest.examples.jpa;
