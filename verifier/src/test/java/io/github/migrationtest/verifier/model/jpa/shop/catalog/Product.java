package io.github.migrationtest.verifier.model.jpa.shop.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** In a subpackage: a package's model includes its subpackages. */
@Entity
public class Product {
    @Id
    String sku;

    String title;
}
