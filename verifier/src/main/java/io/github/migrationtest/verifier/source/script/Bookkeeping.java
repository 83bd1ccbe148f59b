package io.github.migrationtest.verifier.source.script;

import java.util.List;
import java.util.Objects;

/**
 * A migration tool's own table of applied versions, kept as the tool keeps it: real histories rely
 * on it (a first migration that grants on dbmate's {@code schema_migrations}). The snapshots leave
 * these tables out, so keeping them changes no verdict.
 *
 * @param table the table's name, unqualified (created in the first schema of the search path, as the tools do)
 * @param create the DDL the tool itself uses, without {@code IF NOT EXISTS}; more than one statement
 *     when the tool creates an index too
 * @param record SQL run in an upgrade's transaction, {@code %s} standing for the version as a literal
 * @param remove SQL run in a downgrade's transaction, {@code %s} standing for the version as a literal
 */
public record Bookkeeping(String table, List<String> create, String record, String remove) {

    /** No table: the tool keeps none, or we cannot know which. */
    public static final Bookkeeping NONE = new Bookkeeping("", List.of(), "", "");

    public Bookkeeping {
        Objects.requireNonNull(table, "table");
        create = List.copyOf(create);
    }

    public boolean isNone() {
        return table.isEmpty();
    }

    /** SQL that creates the table when it is absent, as one statement that is not itself DDL when the table is there. */
    String ensure() {
        return "DO $migrationtest$ BEGIN " + createIfAbsent() + "END $migrationtest$";
    }

    /**
     * SQL that records (upgrade) or removes (downgrade) a version, creating the table first if a
     * migration dropped it (a downgrade that drops the schema), so the next step still finds it. With a
     * {@code schema} (see {@link #plainStep}), in that schema.
     */
    String step(boolean upgrade, String version, String schema) {
        String pin = schema.isEmpty() ? "" : "PERFORM " + searchPath(schema) + "; ";
        return "DO $migrationtest$ BEGIN " + pin + createIfAbsent() + plainStep(upgrade, version, "")
                + "; END $migrationtest$";
    }

    /**
     * The same change as plain SQL, for a table that is there: no PL/pgSQL block to compile. With a
     * {@code schema} (where the table was made), the rest of the step's transaction looks in it first: a
     * migration may move the session's search_path ({@code SET search_path TO app}), and golang-migrate
     * keeps its table in the schema current when it connected, not there. Unpinned, the guarded step made a
     * second table in the migration's schema, and that schema's {@code DROP SCHEMA} in the downgrade failed
     * on it. The session is reset after each step, so the setting ends with the step.
     */
    String plainStep(boolean upgrade, String version, String schema) {
        String change = (upgrade ? record : remove).replace("%s", "'" + version.replace("'", "''") + "'");
        return schema.isEmpty() ? change : "SELECT " + searchPath(schema) + "; " + change;
    }

    /** A call that sets search_path to {@code schema} alone until the transaction ends. */
    private static String searchPath(String schema) {
        String path = '"' + schema.replace("\"", "\"\"") + '"';
        return "pg_catalog.set_config('search_path', '" + path.replace("'", "''") + "', true)";
    }

    /** PL/pgSQL that creates the table when it is absent; {@link #ensure()} and {@link #step} share it. */
    private String createIfAbsent() {
        return "IF to_regclass('" + table + "') IS NULL THEN " + String.join("; ", create) + "; END IF; ";
    }
}
