package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;
import io.github.migrationtest.verifier.snapshot.SchemaObject;

/**
 * An object both schemas have, with one property that differs; a {@code null} value means the
 * property is absent on that side (no default, no comment, flag off).
 */
public record ChangedProperty(String path, ObjectKind objectKind, String property, String expected, String actual,
        String group) implements Difference {

    @Override
    public DifferenceKind kind() {
        return DifferenceKind.CHANGED;
    }

    @Override
    public String describe() {
        return path + ": " + property + " " + Values.change(shown(expected, actual), shown(actual, expected));
    }

    /** A flag that is off is absent: shown as {@code false} beside one that is on, not as "(none)". */
    private String shown(String value, String other) {
        return value == null && "true".equals(other) && SchemaObject.isFlag(property) ? "false" : value;
    }
}
