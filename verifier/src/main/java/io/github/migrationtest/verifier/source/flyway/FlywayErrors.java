package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import io.github.migrationtest.verifier.source.script.SqlScript;
import io.github.migrationtest.verifier.source.script.SqlStatement;
import io.github.migrationtest.verifier.source.sql.PlannedRevision;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.resource.Resource;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Points a Flyway failure at the user's script: Flyway gives the failing statement's line, our own
 * splitter finds that statement, and Postgres' error position gives the column.
 */
final class FlywayErrors {

    private FlywayErrors() {}

    static MigrationFailure failure(PlannedRevision plan, FlywayException error) {
        String file = plan.revision().files().get(0);
        // An internal Flyway type, but the only one that carries the line; without it we still report the message.
        FlywaySqlScriptException scriptError = PostgresErrors.cause(error, FlywaySqlScriptException.class);
        SQLException sqlError = PostgresErrors.cause(error, SQLException.class);
        String other = otherScript(file, scriptError);
        if (other != null && sqlError != null) {
            // A repeatable migration or a callback of the same migrate failed, not the version's script.
            return PostgresErrors.failure(other, scriptError.getLineNumber(), 1, sqlError, scriptError.getStatement());
        }
        if (scriptError != null && sqlError != null && !plan.up().isEmpty()) {
            SqlScript script = plan.up().get(0).parse();
            Optional<SqlStatement> statement = script.statements().stream()
                    .filter(s -> s.line() == scriptError.getLineNumber()
                            || Objects.equals(s.sql().strip(), String.valueOf(scriptError.getStatement()).strip()))
                    .findFirst();
            if (statement.isPresent()) {
                return PostgresErrors.failure(script, statement.get(), sqlError);
            }
            return PostgresErrors.failure(file, scriptError.getLineNumber(), 1, sqlError, scriptError.getStatement());
        }
        if (sqlError != null) {
            return PostgresErrors.failure(file, 0, 0, sqlError, "");
        }
        String message = error.getMessage() == null ? "" : error.getMessage().strip();
        if (message.startsWith(INVALID_NAMES)) {
            // validateMigrationNaming = true: migrate refuses, before any SQL, the files it cannot read, one a line.
            String names = message.substring(INVALID_NAMES.length()).lines().map(String::strip).filter(l -> !l.isEmpty())
                    .collect(Collectors.joining("; "));
            return MigrationFailure.of(file, INVALID_NAMES + " " + names + " (validateMigrationNaming is true, so Flyway's"
                    + " migrate fails on them before it runs anything)").withFix("Rename each so Flyway reads it"
                    + " (V<version>__<name>.sql, R__<name>.sql, a callback's name) or move it out of the location; or set"
                    + " validateMigrationNaming to false, and Flyway skips them without a word");
        }
        return MigrationFailure.of(file, firstLine(error.getMessage()));
    }

    /** How Flyway starts the message of a migrate that validateMigrationNaming stopped. */
    private static final String INVALID_NAMES = "Invalid SQL filenames found:";

    /** The failing script when it is not {@code file}: beside it when Flyway read it from disk, else as Flyway names it. */
    private static String otherScript(String file, FlywaySqlScriptException scriptError) {
        Resource resource = scriptError == null ? null : scriptError.getResource();
        if (resource == null || resource.getFilename() == null || Path.of(file).getFileName().toString().equals(resource.getFilename())) {
            return null;
        }
        String onDisk = resource.getAbsolutePathOnDisk();
        return onDisk != null ? onDisk : resource.getRelativePath();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "Flyway failed without a message";
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
