package io.github.migrationtest.verifier.source.flyway;

import io.github.migrationtest.verifier.source.jdbc.ListeningConnection.Attribution;
import io.github.migrationtest.verifier.source.jdbc.ListeningConnection.Located;
import io.github.migrationtest.verifier.source.jdbc.StatementFinder;
import io.github.migrationtest.verifier.source.sql.ScriptPart;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Places the statements Flyway runs for one version in that version's script, in order. What is not
 * in the script is not the user's: Flyway's schema history table, its locks and reads of the catalog,
 * and also callbacks, repeatable and Java migrations, which are not measured (Flyway's own statement
 * callbacks, which would name them, are a Teams feature).
 */
final class FlywayStatements implements Attribution {

    private final List<StatementFinder> scripts;
    private int current;

    private FlywayStatements(List<StatementFinder> scripts) {
        this.scripts = scripts;
    }

    static FlywayStatements of(List<ScriptPart> parts, Configuration configuration) {
        return new FlywayStatements(parts.stream()
                .map(part -> StatementFinder.of(part.display(), Placeholders.configured(configuration, part.text())))
                .toList());
    }

    @Override
    public Optional<Located> locate(String sql) {
        for (int i = current; i < scripts.size(); i++) {
            OptionalInt line = scripts.get(i).find(sql);
            if (line.isPresent()) {
                current = i;
                return Optional.of(new Located(scripts.get(i).file(), line.getAsInt()));
            }
        }
        return Optional.empty();
    }
}
