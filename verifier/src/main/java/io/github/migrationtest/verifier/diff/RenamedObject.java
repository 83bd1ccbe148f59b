package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;

/**
 * A constraint or index that both schemas have with the same definition under another name, paired
 * because {@link DiffOptions.ConstraintNames#BY_DEFINITION} was chosen (tools such as Hibernate
 * make names up: {@code fk7x3k...}). {@code path} is the expected object's; the definition is
 * compared as usual, so any other change is listed on its own.
 */
public record RenamedObject(String path, ObjectKind objectKind, String expected, String actual, String group,
        boolean reportOnly) implements Difference {

    @Override
    public DifferenceKind kind() {
        return DifferenceKind.RENAMED;
    }

    @Override
    public String describe() {
        return path + ": " + objectKind.keyword() + " named " + actual + " instead, same definition"
                + (reportOnly ? " [report only]" : "");
    }
}
