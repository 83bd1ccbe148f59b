package io.github.migrationtest.verifier.report;

/**
 * Where a migration step failed, as the report shows it.
 *
 * @param file the user's file, or the migration tool's name for the step
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param message what Postgres (or the tool) said, with DETAIL and HINT when given
 */
public record StatementError(String file, int line, int column, String message) {

    /** {@code file:line:column}, or less when line or column are unknown. */
    public String location() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
