package io.github.migrationtest.verifier.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How Flyway names its SQL migration files: its settings {@code sqlMigrationPrefix}, {@code undoSqlMigrationPrefix},
 * {@code repeatableSqlMigrationPrefix}, {@code baselineMigrationPrefix}, {@code sqlMigrationSeparator} and
 * {@code sqlMigrationSuffixes}; each {@code null} (or an empty list) for Flyway's default. An empty prefix is a
 * setting, not a default: {@code 20170214123504310__initial_schema.sql} is a versioned migration with
 * {@code sqlMigrationPrefix=}.
 */
public record FlywayNames(String sqlMigrationPrefix, String undoSqlMigrationPrefix, String repeatableSqlMigrationPrefix,
                          String baselineMigrationPrefix, String sqlMigrationSeparator, List<String> sqlMigrationSuffixes) {

    /** Flyway's defaults: {@code V1__a.sql}, {@code U1__a.sql}, {@code R__a.sql}, {@code B1__a.sql}. */
    public static final FlywayNames DEFAULT = new FlywayNames(null, null, null, null, null, List.of());

    private static final List<String> SETTINGS = List.of("sqlMigrationPrefix", "undoSqlMigrationPrefix",
            "repeatableSqlMigrationPrefix", "baselineMigrationPrefix", "sqlMigrationSeparator", "sqlMigrationSuffixes");
    /** What {@code MigrationVersion.fromVersion} accepts: numbers separated by {@code .} or {@code _}. */
    private static final Pattern VERSION = Pattern.compile("\\d+(?:[._]\\d+)*");

    public FlywayNames {
        sqlMigrationSuffixes = sqlMigrationSuffixes == null ? List.of()
                : sqlMigrationSuffixes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (sqlMigrationSeparator != null && sqlMigrationSeparator.isEmpty()) {
            throw new IllegalArgumentException("sqlMigrationSeparator is empty, which Flyway refuses"
                    + " (\"sqlMigrationSeparator cannot be empty\"); set it to the text between version and description, e.g. __");
        }
    }

    /** What a file name says, as Flyway reads it. */
    public enum Kind { VERSIONED, UNDO, BASELINE, REPEATABLE }

    /**
     * A file name Flyway reads as a migration.
     *
     * @param kind which prefix it has
     * @param version the version as written ({@code 1_1}); empty for a repeatable migration
     * @param description the text after the separator, as written (underscores kept)
     */
    public record Parsed(Kind kind, String version, String description) {}

    public String prefix() {
        return or(sqlMigrationPrefix, "V");
    }

    public String undoPrefix() {
        return or(undoSqlMigrationPrefix, "U");
    }

    public String repeatablePrefix() {
        return or(repeatableSqlMigrationPrefix, "R");
    }

    public String baselinePrefix() {
        return or(baselineMigrationPrefix, "B");
    }

    public String separator() {
        return or(sqlMigrationSeparator, "__");
    }

    public List<String> suffixes() {
        return sqlMigrationSuffixes.isEmpty() ? List.of(".sql") : sqlMigrationSuffixes;
    }

    /** Whether files are named as by Flyway's defaults, whatever was written to say so. */
    public boolean isDefault() {
        return effective().equals(DEFAULT.effective());
    }

    /** These names where set, the other's where not. */
    public FlywayNames orElse(FlywayNames other) {
        return new FlywayNames(or(sqlMigrationPrefix, other.sqlMigrationPrefix),
                or(undoSqlMigrationPrefix, other.undoSqlMigrationPrefix),
                or(repeatableSqlMigrationPrefix, other.repeatableSqlMigrationPrefix),
                or(baselineMigrationPrefix, other.baselineMigrationPrefix), or(sqlMigrationSeparator, other.sqlMigrationSeparator),
                sqlMigrationSuffixes.isEmpty() ? other.sqlMigrationSuffixes : sqlMigrationSuffixes);
    }

    /**
     * The name read as Flyway's {@code ResourceNameParser} reads it: the first suffix that ends it (ignoring case) is
     * taken off, the longest prefix that starts it decides its kind, and the text up to the first separator is the
     * version (a repeatable migration has none). Empty when Flyway would not run it as a migration.
     */
    public Optional<Parsed> parse(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        Optional<String> suffix = suffixes().stream().filter(s -> upper.endsWith(s.toUpperCase(Locale.ROOT))).findFirst();
        if (suffix.isEmpty()) {
            return Optional.empty();
        }
        String name = fileName.substring(0, fileName.length() - suffix.get().length());
        Map<Kind, String> prefixes = new LinkedHashMap<>();
        prefixes.put(Kind.VERSIONED, prefix());
        prefixes.put(Kind.REPEATABLE, repeatablePrefix());
        prefixes.put(Kind.BASELINE, baselinePrefix());
        prefixes.put(Kind.UNDO, undoPrefix());
        // Flyway tries the hardest to match first: the longest prefix (a stable sort keeps its order among equals).
        Optional<Map.Entry<Kind, String>> prefix = prefixes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Kind, String> e) -> e.getValue().length()).reversed())
                .filter(e -> name.startsWith(e.getValue())).findFirst();
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String rest = name.substring(prefix.get().getValue().length());
        int at = rest.indexOf(separator());
        String version = at < 0 ? rest : rest.substring(0, at);
        String description = at < 0 ? "" : rest.substring(at + separator().length());
        Kind kind = prefix.get().getKey();
        if (kind == Kind.REPEATABLE) {
            return version.isEmpty() ? Optional.of(new Parsed(kind, "", description)) : Optional.empty();
        }
        return VERSION.matcher(version).matches() ? Optional.of(new Parsed(kind, version, description)) : Optional.empty();
    }

    /** The name of a versioned migration, for messages: {@code V<version>__<name>.sql}. */
    public String example() {
        return prefix() + "<version>" + separator() + "<name>" + suffixes().get(0);
    }

    /** The file name of this kind, version and description, with the first suffix. */
    public String name(Kind kind, String version, String description) {
        String prefix = switch (kind) {
            case VERSIONED -> prefix();
            case UNDO -> undoPrefix();
            case BASELINE -> baselinePrefix();
            case REPEATABLE -> repeatablePrefix();
        };
        return prefix + version + separator() + description + suffixes().get(0);
    }

    /**
     * The settings as they read, each with its value ({@code sqlMigrationPrefix= (empty)}), for messages: the prefix,
     * separator and suffixes.
     */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        differences(null).forEach((key, value) -> out.add(key + "=" + (value.isEmpty() ? " (empty)" : value)));
        return out;
    }

    /**
     * The settings, by Flyway's names, whose values differ from the other's, with these values; with {@code null},
     * the prefix, separator and suffixes.
     */
    public Map<String, String> differences(FlywayNames other) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> mine = effective();
        List<String> theirs = other == null ? null : other.effective();
        for (int i = 0; i < SETTINGS.size(); i++) {
            if (theirs == null ? i == 0 || i >= 4 : !Objects.equals(mine.get(i), theirs.get(i))) {
                out.put(SETTINGS.get(i), mine.get(i));
            }
        }
        return out;
    }

    /** Spring Boot's name for a setting of {@link #describe}: {@code sql-migration-prefix}. */
    public static String springName(String setting) {
        return setting.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    private List<String> effective() {
        return List.of(prefix(), undoPrefix(), repeatablePrefix(), baselinePrefix(), separator(), String.join(",", suffixes()));
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
