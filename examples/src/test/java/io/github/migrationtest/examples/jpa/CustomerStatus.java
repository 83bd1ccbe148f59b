package io.github.migrationtest.examples.jpa;

/** Stored by name, so the column is text that Hibernate guards with a CHECK of the names. */
public enum CustomerStatus {
    ACTIVE, SUSPENDED
}
