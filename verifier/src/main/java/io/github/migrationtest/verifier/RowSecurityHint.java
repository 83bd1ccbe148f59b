package io.github.migrationtest.verifier;

import io.github.migrationtest.verifier.postgres.MigrationLogin;
import io.github.migrationtest.verifier.source.MigrationFailedException;
import io.github.migrationtest.verifier.source.MigrationFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A statement that failed on a table whose row-level security policies apply to the migrations' role: it has
 * neither superuser nor {@code BYPASSRLS}, so a policy decides a seed {@code INSERT} into a table with
 * {@code FORCE ROW LEVEL SECURITY} that a superuser, as the history may run as elsewhere, is never asked about.
 * Postgres' error is then the policy's own ({@code unrecognized configuration parameter "app.current_tenant"}),
 * which says nothing of that. A refusal by a policy ({@code 42501}) already gets {@link MigrationPrivileges}' hint.
 */
final class RowSecurityHint {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** Policies apply to reading and writing rows only: a failed ALTER TABLE on such a table is not theirs. */
    private static final Pattern READS_OR_WRITES_ROWS = Pattern.compile(
            "^\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*(?:insert|update|delete|select|with|merge|copy)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** SQL: the tables whose policies apply to the current role (unless it bypasses them), qualified and bare. */
    private static final String TABLES_UNDER_POLICIES = """
            SELECT n.nspname || '.' || c.relname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, pg_roles r
            WHERE r.rolname = current_user AND NOT (r.rolsuper OR r.rolbypassrls)
              AND c.relkind IN ('r', 'p') AND c.relrowsecurity AND (c.relforcerowsecurity OR c.relowner <> r.oid)
            ORDER BY 1""";

    private RowSecurityHint() {
    }

    /** The failure with a hint naming the table whose policies applied, when its statement names one; else as it was. */
    static MigrationFailedException explain(MigrationFailedException failed, Connection steps, MigrationLogin.Kind login) {
        MigrationFailure failure = failed.failure();
        if (login == MigrationLogin.Kind.SERVER_USER || !READS_OR_WRITES_ROWS.matcher(failure.statement()).find()
                || INSUFFICIENT_PRIVILEGE.equals(failure.sqlState())) {
            return failed;
        }
        String table;
        try {
            table = tableNamedIn(failure.statement(), steps);
        } catch (SQLException e) {
            failed.addSuppressed(e); // the failure is what matters; the hint is only help
            return failed;
        }
        if (table == null) {
            return failed;
        }
        String hint = table + " has row-level security that applies to the migrations' role ("
                + (login == MigrationLogin.Kind.OWN_ROLE ? "a role of the run's own" : "the role given")
                + ", without superuser or BYPASSRLS), so its policies took part in this statement; a superuser, as the"
                + " history may run as elsewhere, bypasses them. If it does, " + MigrationLogin.HOW_TO_WIDEN;
        return failed.withFailure(failure.withHint(hint).withFix(""));
    }

    private static String tableNamedIn(String statement, Connection steps) throws SQLException {
        if (steps.isClosed()) {
            return null;
        }
        String sql = statement.toLowerCase(Locale.ROOT);
        try (Statement query = steps.createStatement(); ResultSet rows = query.executeQuery(TABLES_UNDER_POLICIES)) {
            while (rows.next()) {
                Pattern name = Pattern.compile("(?<![\\w$])\"?" + Pattern.quote(rows.getString(2).toLowerCase(Locale.ROOT))
                        + "\"?(?![\\w$])");
                if (name.matcher(sql).find()) {
                    return rows.getString(1);
                }
            }
        }
        return null;
    }
}
