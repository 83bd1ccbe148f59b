package io.github.migrationtest.verifier.source.liquibase;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.MigrationFailure;
import io.github.migrationtest.verifier.source.jdbc.StatementFinder;
import io.github.migrationtest.verifier.source.script.PostgresErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns what Liquibase throws into a failure that points at the changeset in the user's changelog. */
final class LiquibaseErrors {

    private LiquibaseErrors() {}

    /** Liquibase's note of the statement that failed, at the end of its exception's message. */
    private static final Pattern FAILED_SQL = Pattern.compile("\\[Failed SQL: \\(\\d+\\) (.*)]\\s*$", Pattern.DOTALL);
    /** What Liquibase generates to undo a change that named no constraint: {@code DROP CONSTRAINT null}. */
    private static final Pattern UNNAMED_CONSTRAINT = Pattern.compile("(?i)\\bDROP\\s+CONSTRAINT\\s+\"?null\"?\\s*$");
    /** Liquibase's words for XML it could not parse: they name the file, which may be an included one, and the line. */
    private static final Pattern XML_SYNTAX = Pattern.compile("Error parsing line (\\d+) column (\\d+) of (.+?): (.*)");
    /** Liquibase's words for YAML or JSON it could not parse: the file; the parser's mark has the line. */
    private static final Pattern YAML_SYNTAX = Pattern.compile("Syntax error in file (.+?): ");
    private static final Pattern NOT_ON_SEARCH_PATH = Pattern.compile(
            "The file (.+?) was not found in the configured search path:?(.*?)(More locations can be added.*)?$", Pattern.DOTALL);
    /** Where a changeset's rollback starts, in the XML, YAML and JSON formats. */
    private static final Pattern ROLLBACK = Pattern.compile("(?i)(<rollback\\b|\\brollback\\s*:|\"rollback\"\\s*:)");
    private static final int SQL_SHOWN = 300;
    private static final Pattern FORMATTED_HEADER = Pattern.compile("(?i)^\\s*--\\s*changeset\\s");
    private static final String END_OF_INPUT = "syntax error at end of input";
    private static final String CUT_SHORT = "the statement Liquibase ran ends before the changeset's own does: Liquibase"
            + " splits a changeset's SQL at its endDelimiter (by default at each ;), also inside a function's $$ body;"
            + " give the changeset splitStatements:false (splitStatements=\"false\") to run its SQL as written";
    private static final String INVALID_SCHEMA = "3F000";
    /** Where the next changeset starts, in any of the changelog formats. */
    private static final Pattern NEXT_CHANGESET = Pattern.compile(
            "(?i)(<changeSet\\b|\\bchangeSet\\s*:|\"changeSet\"\\s*:|--\\s*changeset\\s)");

    /**
     * A failure at the changeset's line, with Postgres' message when Postgres failed, and the SQL Liquibase ran when
     * the changeset's text does not hold it: the line is the changeset's, and a change's SQL (or its rollback's) is
     * generated. A statement of a {@code <rollback>} (YAML's or JSON's {@code rollback}) is placed at its own line, and
     * a formatted-SQL rollback that failed at its {@code --rollback} line, with the SQL Liquibase ran unless that line,
     * read on to its {@code ;}, is the statement. A statement of the changeset's that Liquibase cut short (Postgres
     * saw it end early) is shown as Liquibase ran it, with how to run the changeset's SQL whole.
     */
    static MigrationFailure failure(ResourceAccessor accessor, String file, String filePath, String changeSetId,
                                    Direction direction, Throwable error) {
        Optional<String> text = read(accessor, filePath);
        int line = text.map(changelog -> lineOf(changelog, changeSetId)).orElse(0);
        int column = line > 0 ? 1 : 0;
        SQLException sqlError = PostgresErrors.cause(error, SQLException.class);
        if (sqlError == null) {
            String message = missingFile(error).map(missing -> "needs " + missing + "; add the file, or give the folder"
                    + " that holds it with --search-path").orElseGet(() -> message(error));
            return new MigrationFailure(file, line, column, message, "", "", "", "");
        }
        Optional<String> sql = failedSql(error);
        Optional<FormattedSqlRollback> rollback = direction == Direction.DOWN
                ? text.flatMap(changelog -> FormattedSqlRollback.of(changelog, line)) : Optional.empty();
        if (rollback.isPresent()) {
            return rollbackFailure(file, rollback.get().place(sql), sqlError, sql);
        }
        MigrationFailure failure = PostgresErrors.failure(file, line, column, sqlError, "");
        if (sql.isEmpty()) {
            return failure;
        }
        if (text.map(changelog -> collapsed(changeSetText(changelog, line)).contains(collapsed(sql.get()))).orElse(false)) {
            // The user's own SQL, at its own line (a formatted-SQL changeset's statements follow its header and
            // preconditions); a rollback's at its own line, which the changeset's would put among the changes the
            // upgrade ran.
            int at = direction == Direction.DOWN ? rollbackLine(text.get(), line, sql.get())
                    : statementLine(text.get(), line, sql.get());
            MigrationFailure own = at == line ? failure : PostgresErrors.failure(file, at, 1, sqlError, "");
            if (!END_OF_INPUT.equals(own.message())) {
                return own;
            }
            // Liquibase cut the statement short, so the file's text is not what ran: say what did.
            return new MigrationFailure(file, at, own.column(), own.message() + ran(sql.get()), own.detail(), CUT_SHORT,
                    own.sqlState(), sql.get());
        }
        String hint = UNNAMED_CONSTRAINT.matcher(sql.get()).find()
                ? "the change names no constraint, so the SQL Liquibase generates to drop it names none either: give the"
                        + " change a constraintName (the name Postgres gave it), or write the changeSet's rollback"
                : failure.hint();
        MigrationFailure result = new MigrationFailure(file, line, column, failure.message() + ran(sql.get()),
                failure.detail(), hint, failure.sqlState(), sql.get());
        if (INVALID_SCHEMA.equals(failure.sqlState()) && sql.get().toLowerCase(Locale.ROOT).contains("databasechangelog")) {
            // Liquibase's own tables, in a schema (liquibaseSchemaName, else defaultSchemaName) it does not create.
            return result.withFix("create the schema Liquibase keeps DATABASECHANGELOG in before the history runs"
                    + " (CREATE SCHEMA in --init): Liquibase does not create it");
        }
        return result;
    }

    /** A formatted-SQL rollback's failure at its {@code --rollback} line. */
    private static MigrationFailure rollbackFailure(String file, FormattedSqlRollback.Place place, SQLException sqlError,
                                                    Optional<String> sql) {
        MigrationFailure failure = PostgresErrors.failure(file, place.line(), 1, sqlError, sql.orElse(""));
        if (sql.isEmpty() || place.exact()) {
            return failure;
        }
        failure = new MigrationFailure(file, place.line(), 1, failure.message() + ran(sql.get()), failure.detail(),
                failure.hint(), failure.sqlState(), sql.get());
        return place.plainComment() == 0 ? failure : failure.withHint("line " + place.plainComment() + " is a plain"
                + " comment, not a --rollback line, so the rollback statement ends before it: start every line of a"
                + " rollback with --rollback");
    }

    private static String ran(String sql) {
        return " (Liquibase ran: " + (sql.length() > SQL_SHOWN ? sql.substring(0, SQL_SHOWN) + "..." : sql) + ")";
    }

    /**
     * The line a statement of the changeset's {@code <rollback>} (YAML's or JSON's {@code rollback}) starts on, looked
     * for from the rollback on (the same statement can be among its changes); the declaration's line when there is no
     * rollback or the statement is not in it.
     */
    private static int rollbackLine(String changelog, int line, String sql) {
        String own = changeSetText(changelog, line);
        Matcher rollback = ROLLBACK.matcher(own);
        if (line <= 0 || !rollback.find()) {
            return line;
        }
        StatementFinder finder = StatementFinder.of("", changelog);
        finder.within(line + (int) own.substring(0, rollback.start()).chars().filter(c -> c == '\n').count(),
                line + (int) own.chars().filter(c -> c == '\n').count());
        return finder.find(sql).orElse(line);
    }

    /**
     * The line a formatted-SQL changeset's statement starts on, when it is not the line under the header: the header
     * is a comment, and its statements (after its preconditions, also comments) can run for pages. A statement right
     * under the header keeps the header's line, which names the changeset; so does another changelog's changeset,
     * whose declaration holds the change, and a statement that is not in the changeset's text.
     */
    private static int statementLine(String changelog, int line, String sql) {
        String[] lines = changelog.split("\\R", -1);
        if (line <= 0 || line > lines.length || !FORMATTED_HEADER.matcher(lines[line - 1]).find()) {
            return line;
        }
        StatementFinder finder = StatementFinder.of("", changelog);
        finder.within(line, line + (int) changeSetText(changelog, line).chars().filter(c -> c == '\n').count());
        int at = finder.find(sql).orElse(line);
        return at == line + 1 ? line : at;
    }

    /** The changeset's own text, from its line to the next changeset (the whole text when the line is unknown). */
    private static String changeSetText(String changelog, int line) {
        if (line <= 0) {
            return changelog;
        }
        String[] lines = changelog.split("\\R", -1);
        StringBuilder own = new StringBuilder(lines[line - 1]).append('\n');
        for (int i = line; i < lines.length && !NEXT_CHANGESET.matcher(lines[i]).find(); i++) {
            own.append(lines[i]).append('\n');
        }
        return own.toString();
    }

    private static String collapsed(String sql) {
        return sql.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** The statement Liquibase says failed, from the innermost message that names one. */
    static Optional<String> failedSql(Throwable error) {
        String found = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher matcher = t.getMessage() == null ? null : FAILED_SQL.matcher(t.getMessage());
            if (matcher != null && matcher.find()) {
                found = matcher.group(1).strip();
            }
        }
        return Optional.ofNullable(found).filter(sql -> !sql.isEmpty());
    }

    /**
     * A changelog's include of a file that no folder of the search path holds, said with the folders; empty for any
     * other error.
     */
    static Optional<String> notOnSearchPath(Throwable error) {
        return missingFile(error).map(missing -> "includes " + missing);
    }

    /**
     * A class the changelog needs that the class path lacks: a {@code customChange}'s own, or one it uses. Liquibase
     * loads a custom change's class while it parses the changelog, and its message is only the class's name.
     */
    static Optional<String> missingClass(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ClassNotFoundException && t.getMessage() != null) {
                return Optional.of(t.getMessage());
            }
            if (t instanceof NoClassDefFoundError && t.getMessage() != null) {
                return Optional.of(t.getMessage().replace('/', '.'));
            }
        }
        return Optional.empty();
    }

    /**
     * A file Liquibase looked for and did not find (an include, a loadData's CSV, an sqlFile). Looked for on the search
     * path, with the folders it looked in: Liquibase's own message lists them on lines of their own, which its first
     * line leaves out. Resolved beside its changelog ({@code relativeToChangelogFile}), Liquibase's
     * {@link FileNotFoundException} names the path, which the checksum of a changeset reports.
     */
    static Optional<String> missingFile(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher matcher = t.getMessage() == null ? null : NOT_ON_SEARCH_PATH.matcher(t.getMessage().strip());
            if (matcher != null && matcher.find()) {
                String folders = matcher.group(2).lines().map(String::strip).filter(l -> l.startsWith("- "))
                        .map(l -> l.substring(2)).reduce((a, b) -> a + ", " + b).orElse("none");
                return Optional.of(matcher.group(1) + ", which no folder of the search path holds (" + folders + ")");
            }
        }
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FileNotFoundException && t.getMessage() != null) {
                return Optional.of(t.getMessage().replaceFirst(" does not exist$", "") + ", which does not exist");
            }
        }
        return Optional.empty();
    }

    /** Where a changelog's text stopped Liquibase's parser: the file as Liquibase names it, the line and column, why. */
    record SyntaxError(String file, int line, int column, String problem) {}

    /**
     * The place of a syntax error in a changelog, an included one's too. The innermost message ({@link #message}) has
     * only the parser's first words ("while parsing a flow mapping"); Liquibase's own message around it names the file,
     * and for XML the line, and the YAML parser (which reads JSON too) keeps the line in its mark.
     */
    static Optional<SyntaxError> syntaxError(Throwable error) {
        String file = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            String first = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
            Matcher xml = XML_SYNTAX.matcher(first);
            if (xml.find()) {
                return Optional.of(new SyntaxError(xml.group(3), Integer.parseInt(xml.group(1)),
                        Integer.parseInt(xml.group(2)), xml.group(4).strip()));
            }
            Matcher yaml = YAML_SYNTAX.matcher(first);
            if (yaml.find()) {
                file = yaml.group(1);
            }
            if (file != null && t instanceof MarkedYAMLException marked) {
                Mark problem = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                if (problem == null) {
                    return Optional.empty();
                }
                String what = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
                Mark context = marked.getContextMark();
                if (marked.getProblem() != null && marked.getContext() != null && context != null) {
                    what += " (" + marked.getContext() + " at line " + (context.getLine() + 1) + ", column "
                            + (context.getColumn() + 1) + ")";
                }
                return Optional.of(new SyntaxError(file, problem.getLine() + 1, problem.getColumn() + 1, what));
            }
        }
        return Optional.empty();
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
