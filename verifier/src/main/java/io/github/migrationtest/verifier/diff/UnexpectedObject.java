package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;

/** An object the actual schema has and the expected one does not, such as one a downgrade left behind. */
public record UnexpectedObject(String path, ObjectKind objectKind, String actual, String group) implements Difference {

    @Override
    public DifferenceKind kind() {
        return DifferenceKind.UNEXPECTED;
    }

    @Override
    public String expected() {
        return null;
    }

    @Override
    public String describe() {
        return path + ": unexpected " + objectKind.keyword() + Values.summary(actual);
    }
}
