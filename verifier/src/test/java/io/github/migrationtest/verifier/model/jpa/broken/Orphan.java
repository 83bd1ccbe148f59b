package io.github.migrationtest.verifier.model.jpa.broken;

import jakarta.persistence.Entity;

/** A mapping error Hibernate reports at start-up: an entity without an identifier. */
@Entity
public class Orphan {
    String name;
}
