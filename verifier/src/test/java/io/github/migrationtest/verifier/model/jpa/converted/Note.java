package io.github.migrationtest.verifier.model.jpa.converted;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Its price is mapped only by {@link CentsConverter}, which nothing names: Hibernate must be given it. */
@Entity
@Table(name = "notes")
public class Note {
    @Id
    Long id;

    Cents price;
}
