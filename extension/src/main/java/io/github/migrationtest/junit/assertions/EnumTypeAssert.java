package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

import io.github.migrationtest.verifier.snapshot.EnumType;
import java.util.List;

/** Assertions on an enum type. */
public class EnumTypeAssert extends NavigableAssert<EnumTypeAssert, EnumType> {

    public EnumTypeAssert(EnumType actual) {
        super(actual, EnumTypeAssert.class);
    }

    /** Exactly these labels, in their sort order. */
    public EnumTypeAssert hasLabels(String... labels) {
        if (!absent() && !actual.labels().equals(List.of(labels))) {
            String expected = "(" + String.join(", ", labels) + ")";
            String found = "(" + String.join(", ", actual.labels()) + ")";
            throw failure(shouldHaveValue("labels", expected, found), actual.labels(), List.of(labels));
        }
        return myself;
    }

    /** Back to the schema this type was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
