package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement written for another database: MySQL's back-quoted names, {@code AUTO_INCREMENT} and {@code ENGINE=},
 * SQLite's {@code AUTOINCREMENT}, SQL Server's bracketed names. Projects that support several databases keep one
 * history per database side by side ({@code migrations/mysql}, {@code migrations/postgres}), and pointing the verifier
 * at the wrong one is an easy mistake; Postgres then says only "syntax error". Recognised by the word Postgres stopped
 * at or the type it lacks, never by the statement's text, so a Postgres statement that fails otherwise is not
 * mistaken for one.
 */
final class OtherDialect {

    private static final String SYNTAX_ERROR = "42601";
    private static final String UNDEFINED_OBJECT = "42704";
    private static final Pattern NEAR = Pattern.compile("syntax error at or near \"([^\"]+)\"");
    private static final Pattern MISSING_TYPE = Pattern.compile("type \"([^\".]+)\" does not exist");

    private static final String MYSQL = "MySQL";
    private static final String SQLITE = "SQLite";
    private static final String SQL_SERVER = "SQL Server";

    /** Words Postgres stops at (upper case), each only another database's. */
    private static final Map<String, String> WORDS = Map.of("`", MYSQL, "AUTO_INCREMENT", MYSQL, "ENGINE", MYSQL,
            "UNSIGNED", MYSQL, "MODIFY", MYSQL, "AUTOINCREMENT", SQLITE, "PRAGMA", SQLITE, "[", SQL_SERVER);

    /**
     * For a word that could also be a misplaced name in a Postgres statement (a column called engine after a
     * missing comma), what the statement must also hold to be the other database's.
     */
    private static final Map<String, Pattern> CONFIRMED_BY = Map.of(
            "ENGINE", Pattern.compile("\\)\\s*ENGINE\\s*=", Pattern.CASE_INSENSITIVE),
            "UNSIGNED", Pattern.compile("\\b(?:tiny|small|medium|big)?int(?:eger)?(?:\\(\\d+\\))?\\s+UNSIGNED\\b",
                    Pattern.CASE_INSENSITIVE),
            "MODIFY", Pattern.compile("\\bALTER\\s+TABLE\\s+\\S+\\s+MODIFY\\b", Pattern.CASE_INSENSITIVE),
            "[", Pattern.compile("\\[[A-Za-z_]\\w*\\]\\s*[.(]"));

    /** Types (lower case) Postgres lacks that another database has built in. */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("datetime", MYSQL),
            Map.entry("tinyint", MYSQL), Map.entry("mediumint", MYSQL), Map.entry("tinytext", MYSQL),
            Map.entry("mediumtext", MYSQL), Map.entry("longtext", MYSQL), Map.entry("tinyblob", MYSQL),
            Map.entry("mediumblob", MYSQL), Map.entry("longblob", MYSQL), Map.entry("nvarchar", SQL_SERVER),
            Map.entry("datetime2", SQL_SERVER), Map.entry("uniqueidentifier", SQL_SERVER));

    private OtherDialect() {
    }

    /** The failure with the hint and fix, when the statement is another database's; else empty. */
    static Optional<MigrationFailure> explain(MigrationFailure failure) {
        return dialect(failure).map(dialect -> failure.withHint("This statement is written for " + dialect + ", not"
                        + " PostgreSQL; migrationtest verifies PostgreSQL histories. A project that supports several"
                        + " databases often keeps one history for each (migrations/mysql, migrations/postgres): give"
                        + " the verifier the PostgreSQL one")
                .withFix("Point the verifier at the project's PostgreSQL migrations, or write the statement at "
                        + failure.location() + " for PostgreSQL"));
    }

    private static Optional<String> dialect(MigrationFailure failure) {
        if (failure.sqlState().equals(SYNTAX_ERROR)) {
            Matcher near = NEAR.matcher(failure.message());
            if (!near.find()) {
                return Optional.empty();
            }
            String word = near.group(1).toUpperCase(Locale.ROOT);
            Pattern confirmation = CONFIRMED_BY.get(word);
            return confirmation == null || confirmation.matcher(failure.statement()).find()
                    ? Optional.ofNullable(WORDS.get(word)) : Optional.empty();
        }
        if (failure.sqlState().equals(UNDEFINED_OBJECT)) {
            Matcher type = MISSING_TYPE.matcher(failure.message());
            return type.find() ? Optional.ofNullable(TYPES.get(type.group(1))) : Optional.empty();
        }
        return Optional.empty();
    }
}
