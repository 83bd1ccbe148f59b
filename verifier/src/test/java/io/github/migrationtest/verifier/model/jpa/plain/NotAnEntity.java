package io.github.migrationtest.verifier.model.jpa.plain;

/** A package with classes but no entities. */
public class NotAnEntity {
    String name;
}
