package io.github.migrationtest.verifier.live;

import io.github.migrationtest.verifier.live.AppliedVersions.Applied;
import io.github.migrationtest.verifier.source.SourceType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a live database's table of applied versions and reads it, with queries only: which table,
 * when several tools left one, is chosen by the history's kind and then by which has rows.
 */
final class AppliedVersionsReader {

    /** The tables by any of the names asked for, with their columns, visible ones (on the search path) first. */
    private static final String FIND = """
            select n.nspname, c.relname,
                   array(select a.attname::text from pg_attribute a
                         where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped),
                   has_table_privilege(c.oid, 'SELECT')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and c.relname = any(?)
              and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
            order by pg_table_is_visible(c.oid) desc, n.nspname, c.relname""";

    private AppliedVersionsReader() {
    }

    /** A table found: which tool's, where, and whether this user may read it. */
    private record Found(ToolTable tool, String schema, String name, boolean readable) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        String shown() {
            return schema + "." + name;
        }
    }

    /**
     * The applied versions, from the table of the tool the history belongs to; empty when the
     * database has no such table.
     *
     * @param alsoNamed other names the table may have: the history's own (Alembic's {@code version_table}), the user's
     * @throws SQLException when no table with rows could be read but one is there that this user may not
     *     read, naming the grant that is missing
     */
    static Optional<AppliedVersions> read(Connection connection, SourceType type, List<String> alsoNamed)
            throws SQLException {
        // By tool (golang-migrate before sqlx, whose table the same files may leave), then as found: visible first.
        List<Found> found = find(connection, alsoNamed).stream().filter(f -> suits(f.tool(), type))
                .sorted(Comparator.comparing(Found::tool)).toList();
        List<String> notes = new ArrayList<>();
        AppliedVersions chosen = null;
        List<Found> unreadable = found.stream().filter(f -> !f.readable()).toList();
        for (Found table : found) {
            if (!table.readable()) {
                continue;
            }
            AppliedVersions versions = readTable(connection, table);
            // An empty table says nothing (golang-migrate's and sqlx's share file names; one may be left unused).
            if (chosen == null || chosen.applied().isEmpty() && !versions.applied().isEmpty()) {
                chosen = versions;
            } else if (!versions.applied().isEmpty()) {
                notes.add("also found " + versions.describe() + "; read " + chosen.table() + " instead");
            }
        }
        if ((chosen == null || chosen.applied().isEmpty()) && !unreadable.isEmpty()) {
            Found table = unreadable.get(0);
            throw new SQLException("The live database has " + table.shown() + ", " + table.tool().tool()
                    + "'s table of applied versions, but this user may not read it. Fix: GRANT SELECT ON "
                    + table.qualified() + " TO the user given to migrationtest status");
        }
        if (chosen == null) {
            return Optional.empty();
        }
        List<String> allNotes = new ArrayList<>(chosen.notes());
        allNotes.addAll(notes);
        return Optional.of(new AppliedVersions(chosen.tool(), chosen.table(), chosen.applied(), chosen.failed(), allNotes));
    }

    /** Which tools' tables a history of this kind may have been applied with. */
    private static boolean suits(ToolTable tool, SourceType type) {
        Set<ToolTable> tools = switch (type) {
            case FLYWAY -> EnumSet.of(ToolTable.FLYWAY);
            case LIQUIBASE -> EnumSet.of(ToolTable.LIQUIBASE);
            case ALEMBIC -> EnumSet.of(ToolTable.ALEMBIC);
            // SQL files are run by all the others, Flyway too (V1__x.sql with U1__x.sql).
            case SQL -> EnumSet.complementOf(EnumSet.of(ToolTable.LIQUIBASE, ToolTable.ALEMBIC));
        };
        return tools.contains(tool);
    }

    /**
     * The tables that have a tool's name and shape; a name of the user's or the history's own ({@code
     * alsoNamed}) may be any tool's table, told by its shape alone.
     */
    private static List<Found> find(Connection connection, List<String> alsoNamed) throws SQLException {
        Map<String, List<ToolTable>> byName = new LinkedHashMap<>();
        for (ToolTable tool : ToolTable.values()) {
            tool.names().forEach(name -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(tool));
        }
        alsoNamed.forEach(name -> byName.put(name, List.of(ToolTable.values())));
        List<Found> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setArray(1, connection.createArrayOf("text", byName.keySet().toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String schema = row.getString(1);
                    String name = row.getString(2);
                    Set<String> columns = Set.of((String[]) row.getArray(3).getArray());
                    boolean readable = row.getBoolean(4);
                    byName.get(name).stream().filter(tool -> tool.fits(columns)).findFirst()
                            .ifPresent(tool -> found.add(new Found(tool, schema, name, readable)));
                }
            }
        }
        return found;
    }

    private static AppliedVersions readTable(Connection connection, Found table) throws SQLException {
        List<Applied> applied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(table.tool().query(table.qualified()))) {
            switch (table.tool()) {
                case FLYWAY -> flyway(row, applied, failed);
                case LIQUIBASE -> liquibase(row, applied);
                case GOLANG_MIGRATE -> golangMigrate(row, applied, failed);
                case SQLX -> sqlx(row, applied, failed);
                case GOOSE -> goose(row, applied);
                case ALEMBIC -> alembic(row, applied, notes);
                case DBMATE, DIESEL, POPX -> {
                    while (row.next()) {
                        applied.add(Applied.one(row.getString(1)));
                    }
                }
            }
        }
        return new AppliedVersions(table.tool(), table.shown(), applied, failed, notes);
    }

    /**
     * Rows in the order of {@code installed_rank}: repeatable migrations (no version) and the schema
     * marker are not revisions; a baseline stands for every version up to it; an undo (Teams) or a delete
     * marker takes its version back; a failed row is not applied.
     */
    private static void flyway(ResultSet row, List<Applied> applied, List<String> failed) throws SQLException {
        while (row.next()) {
            String version = row.getString(1);
            String type = row.getString(2);
            if (version == null || "SCHEMA".equals(type)) {
                continue;
            }
            if (!row.getBoolean(3)) {
                failed.add("version " + version + " failed (success = false in the table); Flyway will not migrate"
                        + " until it is repaired");
            } else if (type != null && (type.startsWith("UNDO") || type.equals("DELETE"))) {
                applied.removeIf(a -> a.version().equals(version));
            } else if ("BASELINE".equals(type)) {
                applied.add(Applied.upTo(version));
            } else {
                applied.add(Applied.one(version));
            }
        }
    }

    /** A changeset ran when it was executed, re-run or marked as ran; its revision may be named by id, author:id or tag. */
    private static void liquibase(ResultSet row, List<Applied> applied) throws SQLException {
        while (row.next()) {
            String id = row.getString(1);
            String author = row.getString(2);
            String file = row.getString(3);
            String tag = row.getString(4);
            String type = row.getString(5);
            if (!Set.of("EXECUTED", "RERAN", "MARK_RAN").contains(type)) {
                continue;
            }
            List<String> names = Stream.of(id, author + ":" + id, file + "::" + id + "::" + author, tag)
                    .filter(name -> name != null).toList();
            applied.add(new Applied(author + ":" + id, names, false));
        }
    }

    /** One row: the current version, and whether its migration failed half way. */
    private static void golangMigrate(ResultSet row, List<Applied> applied, List<String> failed) throws SQLException {
        while (row.next()) {
            String version = row.getString(1);
            applied.add(Applied.upTo(version));
            if (row.getBoolean(2)) {
                failed.add("version " + version + " is dirty: its migration failed half way; golang-migrate will not run"
                        + " until the schema is fixed by hand and the version forced (migrate force)");
            }
        }
    }

    private static void sqlx(ResultSet row, List<Applied> applied, List<String> failed) throws SQLException {
        while (row.next()) {
            String version = row.getString(1);
            if (row.getBoolean(2)) {
                applied.add(Applied.one(version));
            } else {
                failed.add("version " + version + " failed (success = false in the table)");
            }
        }
    }

    /** A log: the last row of a version says whether it is applied; version 0 is goose's own first row. */
    private static void goose(ResultSet row, List<Applied> applied) throws SQLException {
        Map<String, Boolean> latest = new LinkedHashMap<>();
        while (row.next()) {
            String version = row.getString(1);
            if (!"0".equals(version)) {
                latest.remove(version);
                latest.put(version, row.getBoolean(2));
            }
        }
        latest.forEach((version, isApplied) -> {
            if (isApplied) {
                applied.add(Applied.one(version));
            }
        });
    }

    /** The current revision, which stands for its ancestors; more than one row is more than one head. */
    private static void alembic(ResultSet row, List<Applied> applied, List<String> notes) throws SQLException {
        while (row.next()) {
            applied.add(Applied.upTo(row.getString(1)));
        }
        if (applied.size() > 1) {
            notes.add("the table holds " + applied.size() + " heads; the history is read as one line");
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
