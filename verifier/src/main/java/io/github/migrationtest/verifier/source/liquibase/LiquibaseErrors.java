package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;

/** Turns what Liquibase throws into a failure that points at the changeset in the user's changelog. */
final class LiquibaseErrors {

    private LiquibaseErrors() {}

    /** A failure at the changeset's line, with Postgres' message when Postgres failed. */
    static MigrationFailure failure(ResourceAccessor accessor, String file, String filePath, String changeSetId, Throwable error) {
        int line = lineOf(accessor, filePath, changeSetId);
        int column = line > 0 ? 1 : 0;
        SQLException sqlError = PostgresErrors.cause(error, SQLException.class);
        if (sqlError != null) {
            return PostgresErrors.failure(file, line, column, sqlError, "");
        }
        return new MigrationFailure(file, line, column, message(error), "", "", "", "");
    }

    /** The most telling line of a Liquibase exception chain: the innermost message. */
    static String message(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (message == null) {
            return error.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message).strip();
    }

    /** The line declaring the changeset (XML, YAML, JSON or formatted SQL), 0 when it cannot be found. */
    static int lineOf(ResourceAccessor accessor, String filePath, String changeSetId) {
        return read(accessor, filePath).map(text -> lineOf(text, changeSetId)).orElse(0);
    }

    /** The line declaring the changeset in the changelog's text, 0 when it is not there. */
    static int lineOf(String text, String changeSetId) {
        String id = Pattern.quote(changeSetId);
        Pattern declaration = Pattern.compile(
                "(?i)(\\bid\"?\\s*[:=]\\s*[\"']?" + id + "[\"']?(\\s|,|$|/|>)|--\\s*changeset\\s+[^:\\s]+:" + id + "(\\s|$))",
                Pattern.MULTILINE);
        Matcher matcher = declaration.matcher(text);
        if (!matcher.find()) {
            return 0;
        }
        return (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
    }

    /** A file of the changelog's, as Liquibase finds it; empty when it cannot be read. */
    static Optional<String> read(ResourceAccessor accessor, String filePath) {
        try {
            // In the scope: it says how a file found in two folders of the search path is chosen.
            Resource resource = LiquibaseCommands.inScope(accessor, () -> accessor.get(filePath));
            if (resource == null || !resource.exists()) {
                return Optional.empty();
            }
            try (InputStream in = resource.openInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
