package io.github.migrationtest.verifier.model.jpa;

import javax.sql.DataSource;

/** Where a JPA model's mapping comes from, and how Hibernate exports it into a database. */
sealed interface EntitySource permits PersistenceUnitSource, PackageSource {

    /** How reports name it: {@code JPA persistence unit orders}, {@code JPA entities in package com.acme}. */
    String description();

    /**
     * Creates the mapped schema in the (empty) database behind {@code dataSource}.
     *
     * @throws RuntimeException Hibernate's own exceptions, for {@link HibernateFailures} to explain
     */
    void export(DataSource dataSource);
}
