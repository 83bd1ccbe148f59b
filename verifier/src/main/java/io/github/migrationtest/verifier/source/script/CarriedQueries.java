package io.github.migrationtest.verifier.source.script;

import io.github.migrationtest.verifier.source.StatementListener.Carried;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Sends a listener's queries in a statement's own round trip (one multi-statement query, one result
 * per statement) and hands their results back: observing a statement then costs the queries' work,
 * not a round trip.
 */
final class CarriedQueries {

    private CarriedQueries() {
    }

    /** {@code sql} with the carried queries before and after it. */
    static String around(Carried carried, String sql) {
        // Nothing between the ';' and the statement: Postgres's error positions count from there.
        String before = carried.before().isEmpty() ? "" : carried.before() + ";";
        String after = carried.after().isEmpty() ? "" : "\n;\n" + carried.after();
        return before + sql + after;
    }

    /**
     * Hands the first result to {@code before} and the last to {@code after}, when they were sent.
     *
     * @param resultSet what {@link Statement#execute(String)} returned
     */
    static void read(Statement jdbc, boolean resultSet, Carried carried) throws SQLException {
        if (carried.before().isEmpty() && carried.after().isEmpty()) {
            return;
        }
        ResultSet last = null;
        boolean first = true;
        boolean isResultSet = resultSet;
        while (isResultSet || jdbc.getUpdateCount() != -1) {
            if (isResultSet) {
                ResultSet rows = jdbc.getResultSet();
                if (first && !carried.before().isEmpty()) {
                    carried.readBefore(rows);
                }
                if (last != null) {
                    last.close();
                }
                last = rows;
            }
            first = false;
            // The last result is only known as last once the next is asked for: keep it open till then.
            isResultSet = jdbc.getMoreResults(Statement.KEEP_CURRENT_RESULT);
        }
        if (last != null) {
            if (!carried.after().isEmpty()) {
                carried.readAfter(last);
            }
            last.close();
        }
    }
}
