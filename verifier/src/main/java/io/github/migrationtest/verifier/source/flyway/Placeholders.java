package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.sql.ScriptPart;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Replaces Flyway placeholders ({@code ${name}} and the built-in {@code ${flyway:...}} ones) in a
 * {@code U} script, which we run ourselves, as Flyway would in a {@code V} script.
 */
final class Placeholders {

    private final Configuration configuration;
    private final SchemaHistoryTable table;
    private final Connection connection;

    Placeholders(Configuration configuration, SchemaHistoryTable table, Connection connection) {
        this.configuration = configuration;
        this.table = table;
        this.connection = connection;
    }

    /** A {@code U} script is always a whole file, and so is what this returns. */
    ScriptPart apply(ScriptPart part) {
        // Without a placeholder in it, the script need not cost a query for the built-in values.
        if (!configuration.isPlaceholderReplacement()) {
            return part;
        }
        String text = part.text();
        if (!text.contains(configuration.getPlaceholderPrefix())) {
            return part;
        }
        for (Map.Entry<String, String> placeholder : values(part).entrySet()) {
            // Flyway matches placeholder names ignoring case (FLYWAY_PLACEHOLDERS_X gives "x").
            text = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(configuration.getPlaceholderPrefix()
                            + placeholder.getKey() + configuration.getPlaceholderSuffix()),
                    java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                    .matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(placeholder.getValue()));
        }
        return ScriptPart.whole(part.display(), text);
    }

    private Map<String, String> values(ScriptPart part) {
        Map<String, String> values = new HashMap<>(configuration.getPlaceholders());
        values.put("flyway:defaultSchema", table.schema());
        values.put("flyway:table", table.table());
        values.put("flyway:filename", part.display().substring(part.display().lastIndexOf('/') + 1));
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_user, current_database()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            values.put("flyway:user", rows.getString(1));
            values.put("flyway:database", rows.getString(2));
        } catch (SQLException e) {
            // Without them the script still runs; an unreplaced ${flyway:user} then fails visibly.
        }
        return values;
    }

    /**
     * The text with the configured placeholders replaced (not the built-in {@code flyway:} ones, which cost
     * a query): what Flyway runs of a {@code V} script, to find its statements in the file.
     */
    static String configured(Configuration configuration, String text) {
        if (!configuration.isPlaceholderReplacement() || !text.contains(configuration.getPlaceholderPrefix())) {
            return text;
        }
        for (Map.Entry<String, String> placeholder : configuration.getPlaceholders().entrySet()) {
            text = text.replace(configuration.getPlaceholderPrefix() + placeholder.getKey()
                    + configuration.getPlaceholderSuffix(), placeholder.getValue());
        }
        return text;
    }
}
