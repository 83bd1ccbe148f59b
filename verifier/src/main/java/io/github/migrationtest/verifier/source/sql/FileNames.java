package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.sql.NamedFile.Role;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises migration files by name: which convention, version, description and direction. */
final class FileNames {

    private static final Pattern GOLANG = Pattern.compile("(?<version>\\d+)_(?<rest>.+)\\.(?<direction>up|down)\\.sql");
    private static final Pattern DIESEL_DIR = Pattern.compile("(?<version>\\d[\\d-]*)_(?<name>.+)");
    private static final Pattern DBMATE = Pattern.compile("(?<version>\\d+)_(?<name>.+)\\.sql");
    private static final Pattern FLYWAY = Pattern.compile("(?<prefix>[VU])(?<version>\\d+(?:[._]\\d+)*)__(?<name>.*)\\.(?<ext>sql|class)");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(?<name>.*)\\.sql");

    /** Qualifiers multi-database projects put before {@code .up.sql}; only Postgres' are ours. */
    private static final Set<String> POSTGRES = Set.of("postgres", "postgresql", "pg", "psql");
    private static final Set<String> OTHER_DATABASES = Set.of(
            "mysql", "mariadb", "sqlite", "sqlite3", "cockroach", "cockroachdb", "crdb", "mssql", "sqlserver",
            "oracle", "clickhouse", "spanner", "redshift", "h2", "hsqldb", "yugabyte", "yugabytedb", "snowflake",
            "db2", "cassandra", "duckdb", "tidb", "firebird", "derby");

    /** What a file name says. */
    sealed interface Naming permits Named, NotOurs, Unrecognised {}

    /** The name fits a convention. */
    record Named(NamedFile file) implements Naming {}

    /** A file for another database (e.g. {@code .mysql.up.sql}): skipped quietly. */
    record NotOurs() implements Naming {}

    /** An SQL file whose name fits no convention. */
    record Unrecognised(String why) implements Naming {}

    private final Pattern userPattern;

    FileNames(Pattern userPattern) {
        this.userPattern = userPattern;
    }

    /**
     * @param relative the path relative to the location, with {@code /} separators
     */
    Naming classify(Path path, String relative, String display) {
        if (userPattern != null) {
            return byUserPattern(path, relative, display);
        }
        String fileName = relative.substring(relative.lastIndexOf('/') + 1);
        String parent = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
        String parentName = parent.substring(parent.lastIndexOf('/') + 1);

        Matcher flyway = FLYWAY.matcher(fileName);
        if (flyway.matches()) {
            Role role = flyway.group("ext").equals("class") ? Role.JAVA_UP
                    : flyway.group("prefix").equals("V") ? Role.UP : Role.DOWN;
            if (flyway.group("ext").equals("class") && (fileName.contains("$") || role == Role.DOWN)) {
                return new NotOurs();
            }
            return named(path, display, Convention.FLYWAY, flyway.group("version"), flyway.group("name"), role);
        }
        if (FLYWAY_REPEATABLE.matcher(fileName).matches()) {
            return named(path, display, Convention.FLYWAY, "0", fileName.substring(3, fileName.length() - 4), Role.REPEATABLE);
        }
        if (fileName.endsWith(".class")) {
            return new NotOurs();
        }
        if ((fileName.equals("up.sql") || fileName.equals("down.sql")) && !parent.isEmpty()) {
            Matcher diesel = DIESEL_DIR.matcher(parentName);
            if (diesel.matches()) {
                return named(path, display, Convention.DIESEL, diesel.group("version"), diesel.group("name"),
                        fileName.equals("up.sql") ? Role.UP : Role.DOWN);
            }
            return new Unrecognised("is in a directory whose name is not <version>_<name> (diesel)");
        }
        Matcher golang = GOLANG.matcher(fileName);
        if (golang.matches()) {
            String rest = golang.group("rest");
            int dot = rest.lastIndexOf('.');
            String qualifier = dot < 0 ? "" : rest.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (OTHER_DATABASES.contains(qualifier)) {
                return new NotOurs();
            }
            String name = POSTGRES.contains(qualifier) ? rest.substring(0, dot) : rest;
            return named(path, display, Convention.GOLANG_MIGRATE, golang.group("version"), name,
                    golang.group("direction").equals("up") ? Role.UP : Role.DOWN);
        }
        Matcher dbmate = DBMATE.matcher(fileName);
        if (dbmate.matches()) {
            // Whether it really is dbmate (has the section markers) is checked on its text.
            return named(path, display, Convention.DBMATE, dbmate.group("version"), dbmate.group("name"), Role.UP_AND_DOWN);
        }
        return new Unrecognised("fits no naming convention");
    }

    private Naming byUserPattern(Path path, String relative, String display) {
        String fileName = relative.substring(relative.lastIndexOf('/') + 1);
        Matcher matcher = userPattern.matcher(relative);
        if (!matcher.matches()) {
            matcher = userPattern.matcher(fileName);
            if (!matcher.matches()) {
                return new Unrecognised("does not match the pattern " + userPattern.pattern());
            }
        }
        String version = matcher.group("version");
        if (!Version.isVersion(version)) {
            return new Unrecognised("has version '" + version + "' in the pattern's version group, which is not digits"
                    + " separated by '.', '_' or '-'");
        }
        Optional<Role> role = direction(matcher.group("direction"));
        if (role.isEmpty()) {
            return new Unrecognised("has direction '" + matcher.group("direction")
                    + "', which is neither up (up, do, apply) nor down (down, undo, revert, rollback)");
        }
        return named(path, display, Convention.PATTERN, version, matcher.group("name"), role.get());
    }

    private static Optional<Role> direction(String word) {
        String value = word == null ? "" : word.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "up", "do", "apply", "forward", "migrate" -> Optional.of(Role.UP);
            case "down", "undo", "revert", "rollback", "back" -> Optional.of(Role.DOWN);
            default -> Optional.empty();
        };
    }

    private static Naming named(Path path, String display, Convention convention, String version, String name, Role role) {
        return new Named(new NamedFile(path, display, convention, Version.parse(version), name == null ? "" : name, role));
    }
}
