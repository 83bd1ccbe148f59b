package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;

/** An object the expected schema has and the actual one lacks; {@code expected} is its definition. */
public record MissingObject(String path, ObjectKind objectKind, String expected, String group) implements Difference {

    @Override
    public DifferenceKind kind() {
        return DifferenceKind.MISSING;
    }

    @Override
    public String actual() {
        return null;
    }

    @Override
    public String describe() {
        return path + ": missing " + objectKind.keyword() + Values.summary(expected);
    }
}
