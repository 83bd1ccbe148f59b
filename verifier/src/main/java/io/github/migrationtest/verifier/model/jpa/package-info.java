/**
 * JPA entities as the desired schema: {@link io.github.migrationtest.verifier.model.jpa.JpaModel}.
 *
 * <p>Hibernate ORM is optional: only {@code JpaModel} may be loaded without it. It checks that
 * Hibernate is there before it touches the other classes here, which use Hibernate's bootstrap
 * and schema tooling, so that a missing Hibernate is an error that says how to add it.
 */
package io.github.migrationtest.verifier.model.jpa;
