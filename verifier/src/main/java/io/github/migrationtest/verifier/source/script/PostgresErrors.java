package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.MigrationFailure;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns a Postgres error into a {@link MigrationFailure} that points into the user's file. */
public final class PostgresErrors {

    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private PostgresErrors() {}

    /** A failure of a statement of a script: the error position maps to the file's line and column. */
    public static MigrationFailure failure(SqlScript script, SqlStatement statement, SQLException error) {
        ServerErrorMessage server = serverMessage(error);
        int position = server == null ? 0 : server.getPosition();
        // The last statement of a step is sent with a new line and the step's bookkeeping after it (ScriptRunner), so
        // "at end of input" can fall one past the statement's end: that is still its end.
        int index = position > 0 && position <= statement.sql().length() + 2
                ? Math.min(position - 1, statement.sql().length()) : 0;
        // The statement's own text places the error: the file is not read again.
        String before = statement.sql().substring(0, Math.min(index, statement.sql().length()));
        int newline = before.lastIndexOf('\n');
        int line = statement.line() + (int) before.chars().filter(c -> c == '\n').count();
        int column = newline < 0 ? statement.column() + index : index - newline;
        Integer copyLine = copyDataLine(server);
        if (statement.isCopyIn() && copyLine != null) {
            // A bad data row: point at the row itself, not at the COPY command.
            line = statement.copyDataLine() + copyLine - 1;
            column = 1;
        }
        return failure(script.file(), line, column, error, statement.excerpt());
    }

    /** A failure with no statement position (the session, or a tool that gives only a line). */
    public static MigrationFailure failure(String file, SQLException error) {
        return failure(file, 0, 0, error, "");
    }

    /** A failure at a known line and column. */
    public static MigrationFailure failure(String file, int line, int column, SQLException error, String statement) {
        ServerErrorMessage server = serverMessage(error);
        if (server == null) {
            return new MigrationFailure(file, line, column, String.valueOf(error.getMessage()), "", "",
                    error.getSQLState(), statement);
        }
        return new MigrationFailure(file, line, column, server.getMessage(), server.getDetail(), server.getHint(),
                server.getSQLState(), statement);
    }

    /** The Postgres error behind an exception, looking through the causes a tool wraps it in. */
    public static ServerErrorMessage serverMessage(Throwable error) {
        PSQLException psql = cause(error, PSQLException.class);
        return psql == null ? null : psql.getServerErrorMessage();
    }

    /** The first exception of a type in a chain of causes, {@code null} when there is none. */
    public static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Integer copyDataLine(ServerErrorMessage server) {
        if (server == null || server.getWhere() == null) {
            return null;
        }
        Matcher matcher = COPY_LINE.matcher(server.getWhere());
        return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
    }
}
