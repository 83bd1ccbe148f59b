package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Alembic revision whose table uses an enum type an earlier revision made: SQLAlchemy's {@code Enum} issues
 * {@code CREATE TYPE} with every table that uses it, so the second table's fails (Alembic's own {@code upgrade} too).
 * The fix is in the column's type, not in the SQL the failure shows, which the revision never wrote.
 */
final class EnumMadeAgain {

    private static final String DUPLICATE_OBJECT = "42710";
    private static final Pattern CREATE_ENUM = Pattern.compile("\\s*CREATE\\s+TYPE\\s+(\\S+)\\s+AS\\s+ENUM\\b",
            Pattern.CASE_INSENSITIVE);

    private EnumMadeAgain() {
    }

    /** The failure with its fix, when it is a Python revision's {@code CREATE TYPE ... AS ENUM}; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        Matcher create = CREATE_ENUM.matcher(failure.statement());
        if (!failure.sqlState().equals(DUPLICATE_OBJECT) || !failure.file().endsWith(".py") || !create.lookingAt()) {
            return Optional.empty();
        }
        String type = create.group(1);
        String name = type.substring(type.lastIndexOf('.') + 1).replace("\"", "");
        return Optional.of(failure.withFix("The enum type " + type + " exists already (an earlier revision made it, or"
                + " this one's downgrade was never run): SQLAlchemy's Enum creates its type with every table that uses it."
                + " Where the type exists, give the column at " + failure.location()
                + " sqlalchemy.dialects.postgresql.ENUM(..., name='" + name + "', create_type=False)"
                + " (sqlalchemy.Enum ignores create_type before SQLAlchemy 2.1)"));
    }
}
