package io.github.migrationtest.verifier.source.script;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One statement of a script, as sent to Postgres, with where it starts in its file.
 *
 * @param sql the statement text without the terminating semicolon
 * @param code the statement with comments removed, string bodies blanked, whitespace collapsed and
 *     upper-cased: what the transaction rules look at, so a keyword in a comment or string counts not
 * @param offset character offset of the statement's first character in the file
 * @param line 1-based line of the statement's start
 * @param column 1-based column of the statement's start
 * @param copyData for {@code COPY ... FROM STDIN}, the data lines that follow it (up to {@code \.}) as
 *     {@link SqlScript#statements()} gives them; empty as a {@link StatementCursor} gives it, which
 *     streams the data instead; {@code null} for every other statement
 * @param copyDataLine 1-based line where the COPY data starts, 0 when there is none
 */
public record SqlStatement(String sql, String code, int offset, int line, int column, String copyData, int copyDataLine) {

    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(code, "code");
    }

    private static final int EXCERPT = 2000;
    private static final Pattern ATOMIC_ROUTINE =
            Pattern.compile("^CREATE (OR REPLACE )?(FUNCTION|PROCEDURE)\\b.*\\bBEGIN ATOMIC\\b.*");

    /** Whether this is a {@code COPY ... FROM STDIN} with its data. */
    public boolean isCopyIn() {
        return copyData != null;
    }

    /**
     * Whether this creates a function or procedure with an SQL-standard {@code BEGIN ATOMIC ... END} body, whose
     * semicolons the JDBC driver's own statement splitting does not know: sent with more SQL after it in one round
     * trip, the driver puts the rest into the same prepared statement, which Postgres refuses ("cannot insert
     * multiple commands into a prepared statement").
     */
    public boolean hasAtomicBody() {
        return ATOMIC_ROUTINE.matcher(code).matches();
    }

    /**
     * The statement as a report shows it: whole when short, else its start and how much was left out,
     * so a failing statement of a generated, data-loading migration does not carry megabytes along.
     */
    public String excerpt() {
        return sql.length() <= EXCERPT ? sql
                : sql.substring(0, EXCERPT) + "\n... (" + (sql.length() - EXCERPT) + " more characters)";
    }
}
