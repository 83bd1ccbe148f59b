package io.github.migrationtest.verifier.source;

import java.util.Objects;

/**
 * Where and why a migration step failed: the user's file, the line and column of the error, and
 * what Postgres said.
 *
 * @param file the script or changelog, as the user names it
 * @param line 1-based line of the error (of the statement start when Postgres gives no position);
 *     0 when unknown
 * @param column 1-based column, as {@code line}
 * @param message the Postgres message (or the tool's, when Postgres said nothing)
 * @param detail Postgres' DETAIL, empty when none
 * @param hint Postgres' HINT, empty when none
 * @param sqlState the SQLSTATE, empty when none
 * @param statement the statement that failed, empty when unknown
 * @param fix what fixes it, when the source knows better than "fix the statement" (the failure is not the
 *     statement's: a migration tool's environment that cannot start, say); empty otherwise
 */
public record MigrationFailure(
        String file,
        int line,
        int column,
        String message,
        String detail,
        String hint,
        String sqlState,
        String statement,
        String fix) {

    public MigrationFailure {
        Objects.requireNonNull(file, "file");
        message = message == null ? "" : message;
        detail = detail == null ? "" : detail;
        hint = hint == null ? "" : hint;
        sqlState = sqlState == null ? "" : sqlState;
        statement = statement == null ? "" : statement;
        fix = fix == null ? "" : fix;
    }

    /** A failure whose fix is the statement's (the usual one). */
    public MigrationFailure(String file, int line, int column, String message, String detail, String hint, String sqlState,
            String statement) {
        this(file, line, column, message, detail, hint, sqlState, statement, "");
    }

    /** A failure the tool itself found: no position in the file, nothing from Postgres. */
    public static MigrationFailure of(String file, String message) {
        return new MigrationFailure(file, 0, 0, message, "", "", "", "");
    }

    /** The same failure with {@code more} after Postgres' hint (or as the hint, when it gave none). */
    public MigrationFailure withHint(String more) {
        return new MigrationFailure(file, line, column, message, detail, hint.isEmpty() ? more : hint + " " + more,
                sqlState, statement, fix);
    }

    /** The same failure without Postgres' hint, for an explanation that replaces it. */
    public MigrationFailure withoutHint() {
        return new MigrationFailure(file, line, column, message, detail, "", sqlState, statement, fix);
    }

    /** The same failure with another detail (Postgres' own, less what the verifier's objects added to it). */
    public MigrationFailure withDetail(String value) {
        return new MigrationFailure(file, line, column, message, value, hint, sqlState, statement, fix);
    }

    /** The same failure with another message (Postgres' own, cleaned of what the verifier sent with the statement). */
    public MigrationFailure withMessage(String value) {
        return new MigrationFailure(file, line, column, value, detail, hint, sqlState, statement, fix);
    }

    /** The same failure with the fix the source knows for it. */
    public MigrationFailure withFix(String value) {
        return new MigrationFailure(file, line, column, message, detail, hint, sqlState, statement, value);
    }

    /** {@code file:line:column}, or less when line or column are unknown. */
    public String location() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }

    /** {@code file:line:column: message}, then DETAIL and HINT lines when Postgres gave them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(location()).append(": ").append(message);
        if (!detail.isEmpty()) {
            text.append(System.lineSeparator()).append("  DETAIL: ").append(detail);
        }
        if (!hint.isEmpty()) {
            text.append(System.lineSeparator()).append("  HINT: ").append(hint);
        }
        return text.toString();
    }
}
