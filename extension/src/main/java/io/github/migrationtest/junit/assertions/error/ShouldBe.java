package io.github.migrationtest.junit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** An object lacks a trait (NOT NULL, unique, a foreign key...), or has one it should not. */
public final class ShouldBe extends BasicErrorMessageFactory {

    private ShouldBe(String format, Object... arguments) {
        super(format, arguments);
    }

    /** {@code expected NOT NULL but the column is nullable} */
    public static ErrorMessageFactory shouldBe(String expected, String actually) {
        return new ShouldBe("expected %s but %s", unquotedString(expected), unquotedString(actually));
    }
}
