package io.github.migrationtest.verifier.model.jpa.converted;

/** A value type Hibernate cannot map by itself. */
public record Cents(long value) {
}
