package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.SchemaMember;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The statement of a step that made a change its schema diff shows, found by the statement's text: the diff knows
 * what was lost, not where. Only a statement that names the object in the command that changes it is taken (an
 * {@code ALTER TABLE ... DROP COLUMN}, a {@code DROP TYPE}); a change made any other way (a {@code DO} block, a
 * function, a table rebuilt) keeps the step's file without a line. The first such statement is the place: its data
 * was lost there, whatever later statements did.
 */
final class ChangingStatements {

    /** Where a name ends in a statement's code: a space, a comma, a semicolon, a parenthesis, or the end. */
    private static final String END = "(?=[ ,;)]|$).*";

    private ChangingStatements() {
    }

    /** {@code ALTER TABLE <table> ... DROP [COLUMN] [IF EXISTS] <column>}. */
    static Optional<ExecutedStatement> droppingColumn(List<ExecutedStatement> statements, Column column) {
        return first(statements, alterTable(column) + "(?:.*[ ,])?DROP (?:COLUMN )?(?:IF EXISTS )?"
                + identifier(column.name()) + END);
    }

    /** {@code ALTER TABLE <table> ... ALTER [COLUMN] <column> [SET DATA] TYPE}. */
    static Optional<ExecutedStatement> retypingColumn(List<ExecutedStatement> statements, Column column) {
        return first(statements, alterTable(column) + "(?:.*[ ,])?ALTER (?:COLUMN )?" + identifier(column.name())
                + " (?:SET DATA )?TYPE\\b.*");
    }

    /** {@code DROP TYPE|DOMAIN [IF EXISTS] ..., <type>, ...}. */
    static Optional<ExecutedStatement> droppingType(List<ExecutedStatement> statements, SchemaMember type) {
        return first(statements, "^DROP (?:TYPE|DOMAIN) (?:IF EXISTS )?(?:[^;]*[ ,])?" + qualified(type.schema(),
                type.name()) + END);
    }

    private static String alterTable(Column column) {
        return "^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?" + qualified(column.schema(), column.table()) + "\\*? ";
    }

    /**
     * A name as a statement's code has it (upper-cased but inside quotes), quoted or not, its schema written or left to
     * the search path.
     */
    private static String qualified(String schema, String name) {
        return "(?:" + identifier(schema) + "\\.)?" + identifier(name);
    }

    private static String identifier(String name) {
        return "(?:" + Pattern.quote(name.toUpperCase(Locale.ROOT)) + "|\"" + Pattern.quote(name.replace("\"", "\"\""))
                + "\")";
    }

    private static Optional<ExecutedStatement> first(List<ExecutedStatement> statements, String regex) {
        Pattern pattern = Pattern.compile(regex, Pattern.DOTALL);
        return statements.stream().filter(statement -> pattern.matcher(statement.code()).matches()).findFirst();
    }
}
