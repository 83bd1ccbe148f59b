package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.FlywayNames;
import io.github.migrationtest.verifier.source.sql.NamedFile.Role;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises migration files by name: which convention, version, description and direction. */
final class FileNames {

    /** golang-migrate's {@code ^([0-9]+)_(.*)\\.(down|up)\\.(.*)$}: the name may be empty ({@code 2_.up.sql}). */
    private static final Pattern GOLANG = Pattern.compile("(?<version>\\d+)_(?<rest>.*)\\.(?<direction>up|down)\\.sql");
    private static final Pattern GO_MIGRATION = Pattern.compile("\\d+_.+\\.go");
    /** pop's and popx's name for a migration in fizz, pop's own DSL (popx {@code match.go}; for all databases only). */
    private static final Pattern FIZZ = Pattern.compile(
            "(?<version>\\d+)_[^.]+(\\.[a-z0-9]+)?(\\.autocommit)?\\.(?<direction>up|down)\\.fizz");
    private static final String AUTOCOMMIT = ".autocommit";
    /** diesel takes the version as the folder name up to its first {@code _}, if any ({@code split('_').next()}). */
    private static final Pattern DIESEL_DIR = Pattern.compile("(?<version>\\d[\\d-]*)(?:_(?<name>.*))?");
    private static final Pattern DBMATE = Pattern.compile("(?<version>\\d+)_(?<name>.+)\\.sql");
    /**
     * dbmate's own {@code ^(\\d+).*\\.sql$}: any name that starts with digits ({@code 001-init.sql},
     * {@code 20200101.sql}); whether such a file is dbmate's is read from its text ({@link DbmateOnly}).
     */
    private static final Pattern DBMATE_ANY = Pattern.compile("(?<version>\\d+)(?<rest>.*)\\.sql");
    private static final Pattern FLYWAY = Pattern.compile("(?<prefix>[VUB])(?<version>\\d+(?:[._]\\d+)*)__(?<name>.*)\\.(?<ext>sql|class)");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(?<name>.*)\\.sql");

    /** Qualifiers multi-database projects put before {@code .up.sql}; only Postgres' are ours. */
    private static final Set<String> POSTGRES = Set.of("postgres", "postgresql", "pg", "psql");
    private static final Set<String> OTHER_DATABASES = Set.of(
            "mysql", "mariadb", "sqlite", "sqlite3", "cockroach", "cockroachdb", "crdb", "mssql", "sqlserver",
            "oracle", "clickhouse", "spanner", "redshift", "h2", "hsqldb", "yugabyte", "yugabytedb", "snowflake",
            "db2", "cassandra", "duckdb", "tidb", "firebird", "derby");

    /** What a file name says. */
    sealed interface Naming permits Named, NotOurs, Ignored, GoMigration, FizzMigration, Unrecognised, Misnamed,
            DbmateOnly {}

    /** The name fits a convention. */
    record Named(NamedFile file) implements Naming {}

    /** A file no convention runs and nobody needs to hear about (a Flyway inner class, diesel's metadata.toml). */
    record NotOurs() implements Naming {}

    /** A file the migration tool itself would skip (another database's file, a README): listed, never an error. */
    record Ignored(String why, String dialect) implements Naming {
        /** A file that is no migration of any convention (a README; a Go file where the tool is not goose). */
        static final Ignored NOT_A_MIGRATION = new Ignored("is not a migration file", "");
        /** Beside migrations of a tool that reads only the files of the folder it is given. */
        static final Ignored IN_A_SUBFOLDER = new Ignored("is in a subfolder, and golang-migrate, sqlx, goose and dbmate"
                + " read only the files of the folder they are given", "");
    }

    /** A goose migration written in Go: only goose's Go runtime can run it. */
    record GoMigration() implements Naming {}

    /**
     * A pop/popx migration written in fizz, which pop translates to each database's SQL: we cannot run it.
     *
     * @param version its version, as the SQL files of the same version have it
     * @param role up or down
     */
    record FizzMigration(Version version, Role role) implements Naming {}

    /** An SQL file whose name fits no convention. */
    record Unrecognised(String why) implements Naming {}

    /**
     * A name one slip away from a convention's, which the tool would skip without a word.
     *
     * @param convention the convention it nearly follows
     * @param expected the name the tool would run
     * @param why what is wrong with it
     */
    record Misnamed(Convention convention, String expected, String why) implements Naming {}

    /**
     * A name only dbmate runs, as it runs every {@code .sql} file whose name starts with digits: the file is dbmate's
     * when its text has dbmate's sections, and otherwise what its name says without that rule.
     *
     * @param file the file as a dbmate migration (both sections in one file)
     * @param otherwise the file's naming for every other tool
     */
    record DbmateOnly(NamedFile file, Naming otherwise) implements Naming {}

    private final Pattern userPattern;
    /** Flyway's file names when its settings change them; {@code null} for its defaults, read by {@link #FLYWAY}. */
    private final FlywayNames flywayNames;

    FileNames(Pattern userPattern) {
        this(userPattern, FlywayNames.DEFAULT);
    }

    FileNames(Pattern userPattern, FlywayNames flywayNames) {
        this.userPattern = userPattern;
        this.flywayNames = flywayNames == null || flywayNames.isDefault() ? null : flywayNames;
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

        if (flywayNames != null) {
            Optional<Naming> configured = byFlywayNames(path, display, fileName);
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        Matcher flyway = FLYWAY.matcher(fileName);
        if (flyway.matches() && (flywayNames == null || flyway.group("ext").equals("class"))) {
            Role role = flyway.group("ext").equals("class") ? Role.JAVA_UP
                    : switch (flyway.group("prefix")) {
                        case "V" -> Role.UP;
                        case "B" -> Role.BASELINE;
                        default -> Role.DOWN;
                    };
            if (role == Role.JAVA_UP && !flyway.group("prefix").equals("V")) {
                return new NotOurs();
            }
            if (flyway.group("ext").equals("class") && (fileName.contains("$") || role == Role.DOWN)) {
                return new NotOurs();
            }
            return named(path, display, Convention.FLYWAY, flyway.group("version"), flyway.group("name"), role);
        }
        if (flywayNames == null && FLYWAY_REPEATABLE.matcher(fileName).matches()) {
            return named(path, display, Convention.FLYWAY, "0", fileName.substring(3, fileName.length() - 4), Role.REPEATABLE);
        }
        if (fileName.endsWith(".class")) {
            return new NotOurs();
        }
        if ((fileName.equals("up.sql") || fileName.equals("down.sql")) && !parent.isEmpty()) {
            Matcher diesel = DIESEL_DIR.matcher(parentName);
            if (diesel.matches()) {
                return diesel(path, display, diesel, fileName.equals("up.sql") ? Role.UP : Role.DOWN);
            }
            return new Unrecognised("is in a directory whose name is not <version>_<name> (diesel)");
        }
        if (fileName.equals("metadata.toml") && DIESEL_DIR.matcher(parentName).matches()) {
            return new NotOurs();
        }
        Matcher golang = GOLANG.matcher(fileName);
        if (golang.matches()) {
            return upOrDown(path, display, golang);
        }
        Matcher dbmate = DBMATE.matcher(fileName);
        if (dbmate.matches()) {
            // Whether it is goose or dbmate (which section markers it has) is read from its text.
            return named(path, display, Convention.DBMATE, dbmate.group("version"), dbmate.group("name"), Role.UP_AND_DOWN);
        }
        if (GO_MIGRATION.matcher(fileName).matches()) {
            return new GoMigration();
        }
        Matcher fizz = FIZZ.matcher(fileName);
        if (fizz.matches()) {
            return new FizzMigration(Version.parse(fizz.group("version")).asText(), // only pop and popx run them
                    fizz.group("direction").equals("up") ? Role.UP : Role.DOWN);
        }
        // A near miss is measured against Flyway's default names; under other names it would mislead.
        Optional<Misnamed> misnamed = flywayNames == null ? Misnamings.of(fileName) : Optional.empty();
        Naming otherwise = misnamed.isPresent() ? misnamed.get()
                : fileName.endsWith(".sql") ? new Unrecognised("fits no naming convention") : Ignored.NOT_A_MIGRATION;
        Matcher anyDbmate = DBMATE_ANY.matcher(fileName);
        if (anyDbmate.matches()) {
            String name = anyDbmate.group("rest").replaceFirst("^[-_. ]+", "");
            return new DbmateOnly(new NamedFile(path, display, Convention.DBMATE, Version.parse(anyDbmate.group("version")),
                    name, Role.UP_AND_DOWN), otherwise);
        }
        return otherwise;
    }

    /**
     * A SQL migration as Flyway's naming settings name it (Java migrations keep {@code V<version>__}: Flyway reads
     * class names with its default prefix and separator, whatever the settings say).
     */
    private Optional<Naming> byFlywayNames(Path path, String display, String fileName) {
        return flywayNames.parse(fileName).map(parsed -> {
            Role role = switch (parsed.kind()) {
                case VERSIONED -> Role.UP;
                case UNDO -> Role.DOWN;
                case BASELINE -> Role.BASELINE;
                case REPEATABLE -> Role.REPEATABLE;
            };
            String version = parsed.kind() == FlywayNames.Kind.REPEATABLE ? "0" : parsed.version();
            return named(path, display, Convention.FLYWAY, version, parsed.description(), role);
        });
    }

    /**
     * The version of a down file of golang-migrate's naming, for whichever database its name says: popx counts any of
     * them as the version's down.
     */
    static Optional<String> downVersion(String fileName) {
        Matcher golang = GOLANG.matcher(fileName);
        return golang.matches() && golang.group("direction").equals("down") ? Optional.of(golang.group("version"))
                : Optional.empty();
    }

    /**
     * {@code <version>_<name>.up.sql}: golang-migrate and sqlx, or popx, whose names may also say the
     * database ({@code .postgres.}, {@code .mysql.}) and {@code .autocommit} (run without a transaction).
     */
    private static Naming upOrDown(Path path, String display, Matcher golang) {
        String rest = golang.group("rest");
        String noTransaction = "";
        if (rest.endsWith(AUTOCOMMIT)) {
            rest = rest.substring(0, rest.length() - AUTOCOMMIT.length());
            noTransaction = display + " is named .autocommit.";
        }
        int dot = rest.lastIndexOf('.');
        String qualifier = dot < 0 ? "" : rest.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (OTHER_DATABASES.contains(qualifier)) {
            return new Ignored("is for " + qualifier + ", not Postgres", qualifier);
        }
        boolean postgres = POSTGRES.contains(qualifier);
        String name = postgres ? rest.substring(0, dot) : rest;
        Role role = golang.group("direction").equals("up") ? Role.UP : Role.DOWN;
        return new Named(new NamedFile(path, display, Convention.GOLANG_MIGRATE, Version.parse(golang.group("version")),
                name, role, postgres ? qualifier : "", noTransaction));
    }

    /**
     * A file of a diesel migration folder. diesel takes the version as the folder name up to the first
     * {@code _} with the dashes removed and orders versions as text; a {@code metadata.toml} with
     * {@code run_in_transaction = false} runs the migration without a transaction.
     */
    private static Naming diesel(Path path, String display, Matcher folder, Role role) {
        String raw = folder.group("version");
        Path metadata = path.resolveSibling("metadata.toml");
        String noTransaction = DieselMetadata.outsideTransaction(metadata,
                display.substring(0, display.length() - path.getFileName().toString().length()) + "metadata.toml");
        String name = folder.group("name") == null ? "" : folder.group("name");
        return new Named(new NamedFile(path, display, Convention.DIESEL, Version.textual(raw, raw.replace("-", "")),
                name, role, "", noTransaction));
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
