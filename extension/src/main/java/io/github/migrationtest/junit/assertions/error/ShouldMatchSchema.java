package io.github.migrationtest.junit.assertions.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Two snapshots differ: lists the differences as the verifier does. */
public final class ShouldMatchSchema extends BasicErrorMessageFactory {

    private ShouldMatchSchema(String format, Object... arguments) {
        super(format, arguments);
    }

    /** @param differences the rendered diff, one line per difference */
    public static ErrorMessageFactory shouldMatchSchema(String differences) {
        return new ShouldMatchSchema("expected the schemas to match, but the actual one differs:%n%s",
                unquotedString(differences.stripTrailing()));
    }
}
