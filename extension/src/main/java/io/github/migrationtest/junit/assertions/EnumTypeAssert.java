package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.EnumType;
import java.util.List;

/** Assertions on an enum type. */
public class EnumTypeAssert extends NavigableAssert<EnumTypeAssert, EnumType> {

    public EnumTypeAssert(EnumType actual) {
        super(actual, EnumTypeAssert.class);
    }

    /** Exactly these labels, in their sort order. */
    public EnumTypeAssert hasLabels(String... labels) {
        return expectValue("labels", "(" + String.join(", ", labels) + ")",
                e -> "(" + String.join(", ", e.labels()) + ")", (expected, found) -> actual.labels().equals(List.of(labels)));
    }

    /** Back to the schema this type was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
