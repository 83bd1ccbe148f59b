package io.github.migrationtest.junit.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Navigation to an object that is not there: says what is there instead. */
public final class ShouldExist extends BasicErrorMessageFactory {

    private ShouldExist(String format, Object... arguments) {
        super(format, arguments);
    }

    /** {@code no such column; columns: id, name} */
    public static ErrorMessageFactory shouldExist(String kind, String kindPlural, List<String> existing) {
        return new ShouldExist("no such %s; %s: %s", unquotedString(kind), unquotedString(kindPlural),
                unquotedString(existing.isEmpty() ? "(none)" : String.join(", ", existing)));
    }

    /** {@code expected no table here, but there is one} */
    public static ErrorMessageFactory shouldNotExist(String kind) {
        return new ShouldExist("expected no %s here, but there is one", unquotedString(kind));
    }

    /** A name several objects have: {@code the table name is ambiguous, qualify it with its schema: a.t, b.t}. */
    public static ErrorMessageFactory shouldBeUnambiguous(String kind, String advice, List<String> candidates) {
        return new ShouldExist("the %s name is ambiguous, %s: %s", unquotedString(kind), unquotedString(advice),
                unquotedString(String.join(", ", candidates)));
    }
}
