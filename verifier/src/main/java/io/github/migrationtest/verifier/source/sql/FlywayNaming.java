package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.HistoryFinding;
import io.github.migrationtest.verifier.source.HistoryFinding.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Flyway location without a migration under its naming settings, whose files are migrations under other ones
 * (timestamp names with the default {@code V} prefix, say): the finding says which names were looked for and which
 * settings would read the files, since Flyway itself would run nothing there without a word.
 */
final class FlywayNaming {

    private FlywayNaming() {
    }

    /** The finding, when some naming close to the configured one finds versioned migrations among the files. */
    static Optional<HistoryFinding> otherNames(String display, FlywayNames configured, List<Path> files,
                                               Function<Path, String> shown) {
        FlywayNames best = null;
        List<String> bestFound = List.of();
        for (FlywayNames candidate : candidates(configured)) {
            if (candidate.differences(configured).isEmpty()) {
                continue;
            }
            List<String> found = files.stream().filter(file -> candidate.parse(file.getFileName().toString())
                    .filter(p -> p.kind() == FlywayNames.Kind.VERSIONED || p.kind() == FlywayNames.Kind.BASELINE).isPresent())
                    .map(shown).toList();
            if (found.size() > bestFound.size()) {
                best = candidate;
                bestFound = found;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Map<String, String> settings = best.differences(configured);
        String with = settings.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue().isEmpty() ? " (empty)" : e.getValue()))
                .collect(Collectors.joining(", "));
        String conf = settings.entrySet().stream().map(e -> "flyway." + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" and "));
        String toml = settings.entrySet().stream().map(e -> e.getKey() + " = " + toml(e.getKey(), e.getValue()))
                .collect(Collectors.joining(" and "));
        String spring = settings.entrySet().stream()
                .map(e -> "spring.flyway." + FlywayNames.springName(e.getKey()) + "=" + e.getValue())
                .collect(Collectors.joining(" and "));
        return Optional.of(HistoryFinding.error(Kind.NO_MIGRATIONS, display, "holds no Flyway migration named "
                + configured.example() + " (" + String.join(", ", configured.describe()) + "), so Flyway would run none;"
                + " " + bestFound.size() + " file(s) would be versioned migrations with " + with + ": "
                + IgnoredFiles.some(bestFound),
                "if they are the history, give Flyway those names: " + conf + " in flyway.conf (" + toml
                        + " under [flyway] in flyway.toml; " + spring + " in a Spring Boot project); otherwise point at"
                        + " the directory that holds " + configured.example()));
    }

    /** The configured names with one or two settings changed, the usual slips first; then Flyway's defaults. */
    private static List<FlywayNames> candidates(FlywayNames configured) {
        List<FlywayNames> out = new ArrayList<>();
        out.add(withPrefix(configured, ""));
        out.add(withPrefix(configured, null));
        out.add(new FlywayNames(configured.sqlMigrationPrefix(), configured.undoSqlMigrationPrefix(),
                configured.repeatableSqlMigrationPrefix(), configured.baselineMigrationPrefix(), null,
                configured.sqlMigrationSuffixes()));
        out.add(new FlywayNames(configured.sqlMigrationPrefix(), configured.undoSqlMigrationPrefix(),
                configured.repeatableSqlMigrationPrefix(), configured.baselineMigrationPrefix(),
                configured.sqlMigrationSeparator(), List.of()));
        out.add(FlywayNames.DEFAULT);
        out.add(withPrefix(FlywayNames.DEFAULT, ""));
        return out;
    }

    private static FlywayNames withPrefix(FlywayNames names, String prefix) {
        return new FlywayNames(prefix, names.undoSqlMigrationPrefix(), names.repeatableSqlMigrationPrefix(),
                names.baselineMigrationPrefix(), names.sqlMigrationSeparator(), names.sqlMigrationSuffixes());
    }

    private static String toml(String key, String value) {
        if (key.equals("sqlMigrationSuffixes")) {
            return "[" + List.of(value.split(",")).stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")) + "]";
        }
        return "\"" + value + "\"";
    }
}
