package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.Identifiers;
import io.github.migrationtest.verifier.snapshot.ObjectKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a step renamed, measured by identity: a column keeps its table's oid and its number, an enum
 * label its {@code pg_enum} row, a type its oid. A schema diff sees a rename as a drop and an add; read
 * around a renaming statement, the catalog tells them apart. Only statements that can rename are read
 * around (they are rare), so the read costs nothing elsewhere.
 */
final class Renames {

    /** The statements that can rename a column, an enum label or a type. */
    private static final Pattern RENAMING = Pattern.compile("^ALTER (TABLE|FOREIGN TABLE|TYPE|DOMAIN)\\b.*\\bRENAME\\b.*");

    /** Each column, enum label and type of the user's schemas by identity: kind, schema, owner, name. */
    private static final String NAMES = """
            select 'a' || a.attrelid || '.' || a.attnum, n.nspname, c.relname, a.attname
            from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p', 'f') and a.attnum > 0 and not a.attisdropped
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
            union all
            select 'l' || e.oid, n.nspname, t.typname, e.enumlabel
            from pg_catalog.pg_enum e join pg_catalog.pg_type t on t.oid = e.enumtypid
            join pg_catalog.pg_namespace n on n.oid = t.typnamespace
            union all
            select 't' || t.oid, n.nspname, t.typname, null
            from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
            where (t.typtype in ('e', 'd', 'r') or t.typtype = 'c' and exists (select from pg_catalog.pg_class r
                   where r.oid = t.typrelid and r.relkind = 'c'))
              and n.nspname not in ('pg_catalog', 'information_schema')
              and n.nspname not like 'pg\\_%'""";

    /** Old name to new name: column and type paths, and enum labels as {@link #label}. */
    private final Map<String, String> renamed = new HashMap<>();
    private Map<String, String> before;

    static boolean canRename(String code) {
        return RENAMING.matcher(code).matches();
    }

    /** Reads the names before a renaming statement. */
    void before(Connection connection) throws SQLException {
        before = names(connection);
    }

    /** Reads them again after it, and keeps what changed name. */
    void after(Connection connection) throws SQLException {
        if (before == null) {
            return;
        }
        Map<String, String> now = names(connection);
        before.forEach((identity, name) -> {
            String is = now.get(identity);
            if (is != null && !is.equals(name)) {
                renamed.put(name, is);
            }
        });
        before = null;
    }

    /**
     * What a column or type (by path) was renamed to, followed through later renames; empty when the step
     * did not rename it.
     */
    Optional<String> renamedTo(String name) {
        String to = renamed.get(name);
        if (to == null) {
            return Optional.empty();
        }
        for (int i = 0; i < renamed.size() && renamed.containsKey(to); i++) {
            to = renamed.get(to);
        }
        return Optional.of(to);
    }

    /** What the label of an enum (by path) was renamed to. */
    Optional<String> renamedLabel(String enumPath, String label) {
        String prefix = label(enumPath, "");
        return renamedTo(label(enumPath, label)).filter(to -> to.startsWith(prefix))
                .map(to -> to.substring(prefix.length()));
    }

    /** How an enum's label is named among the renames. */
    private static String label(String enumPath, String label) {
        return enumPath + " label " + label;
    }

    private static Map<String, String> names(Connection connection) throws SQLException {
        Map<String, String> names = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(NAMES)) {
            while (rows.next()) {
                String identity = rows.getString(1);
                // As the snapshot's paths: a column bare, a type after its kind's prefix (they share one).
                String type = ObjectKind.ENUM.pathPrefix() + Identifiers.qualify(rows.getString(2), rows.getString(3));
                names.put(identity, switch (identity.charAt(0)) {
                    case 'a' -> Identifiers.qualify(rows.getString(2), rows.getString(3), rows.getString(4));
                    case 'l' -> label(type, rows.getString(4));
                    default -> type;
                });
            }
        }
        return names;
    }
}
