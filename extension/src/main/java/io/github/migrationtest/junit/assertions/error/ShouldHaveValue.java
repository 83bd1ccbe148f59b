package io.github.migrationtest.junit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A property of an object (type, default, labels, definition...) is not the expected one. */
public final class ShouldHaveValue extends BasicErrorMessageFactory {

    private static final String NONE = "none";

    private ShouldHaveValue(String format, Object... arguments) {
        super(format, arguments);
    }

    /** {@code expected type varchar(255) but was text}; a missing value reads {@code none}. */
    public static ErrorMessageFactory shouldHaveValue(String property, String expected, String actual) {
        return new ShouldHaveValue("expected %s %s but was %s", unquotedString(property),
                unquotedString(expected == null ? NONE : expected), unquotedString(actual == null ? NONE : actual));
    }

    /** {@code expected definition containing status = 'open' but was ...}. */
    public static ErrorMessageFactory shouldContain(String property, String expected, String actual) {
        return new ShouldHaveValue("expected %s containing %s but was %s", unquotedString(property),
                unquotedString(expected), unquotedString(actual == null ? NONE : actual));
    }
}
