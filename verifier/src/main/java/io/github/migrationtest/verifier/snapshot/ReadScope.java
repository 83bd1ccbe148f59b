package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGStatement;

/**
 * One snapshot read in progress: the connection, the included schemas (as OIDs, which never
 * leave the read) and the exclusions, plus the SQL pieces every catalog query shares.
 *
 * <p>The queries look up per-row details (comments, defaults, owners, dependencies) in
 * correlated subqueries or {@code lateral ... offset 0} joins, which Postgres runs as one index
 * lookup per row. Plain joins let the planner choose, and right after a migration created many
 * objects the catalogs' statistics are stale: it then picked nested loops over whole-catalog scans
 * and a 1,000-table read took twice as long as it should (quadratic, not linear).
 */
final class ReadScope {
    private final Connection connection;
    private final SnapshotOptions options;
    private final String schemaOids;

    ReadScope(Connection connection, SnapshotOptions options, List<Long> schemaOids) {
        this.connection = connection;
        this.options = options;
        this.schemaOids = schemaOids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** Maps one result row to an object, or to {@code null} to skip the row. */
    interface RowMapper {
        SchemaObject map(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}, whose every {@code ?} stands for the array of included schema OIDs. */
    void query(String sql, List<SchemaObject> out, RowMapper mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (statement.isWrapperFor(PGStatement.class)) {
                // Prepared on the server at once, so the next snapshot on this connection skips
                // parsing and, with a generic plan, planning too: a verifier snapshots each state
                // several times on one connection.
                statement.unwrap(PGStatement.class).setPrepareThreshold(1);
            }
            int parameters = (int) sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                statement.setString(i, schemaOids);
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    SchemaObject object = mapper.map(row);
                    if (object != null) {
                        out.add(object);
                    }
                }
            }
        }
    }

    boolean excludesTable(String schema, String table) {
        return options.excludedTables().contains(table) || options.excludedTables().contains(schema + "." + table);
    }

    boolean excludesEventTrigger(String name) {
        return options.excludedEventTriggers().contains(name);
    }

    /**
     * SQL: the object with OID {@code oid} in catalog {@code catalog} is not an extension's member.
     * {@code offset 0} keeps the planner from turning this into an anti-join, which scans all of
     * pg_depend for every query and costs more to plan than a lookup in its index per row.
     */
    static String notExtensionMember(String catalog, String oid) {
        return hasNoDependency(catalog, oid, 'e');
    }

    /** SQL: the object has no dependency of type {@code type} ('e' extension, 'i' internal), by index lookup. */
    static String hasNoDependency(String catalog, String oid, char type) {
        return "not exists (select 1 from pg_depend e where e.classid = '" + catalog
                + "'::regclass and e.objid = " + oid + " and e.objsubid = 0 and e.deptype = '" + type + "' offset 0)";
    }

    /** SQL: the schema filter, as {@code column = any(included schemas)}. */
    static String inSchemas(String column) {
        return column + " = any(?::oid[])";
    }

    /**
     * SQL: the privileges on an object as {@code grantee: PRIVILEGE, ...; grantee2: ...}, sorted,
     * without the owner's implicit privileges, which would differ only by role name. A null ACL
     * means the built-in default, which is PUBLIC's usage or execute right for some kinds.
     */
    static String grants(String acl, char objectType, String ownerOid) {
        String nullDefault = switch (objectType) {
            case 'f' -> "'PUBLIC: EXECUTE'";
            case 'T' -> "'PUBLIC: USAGE'";
            default -> "null";
        };
        return "case when " + acl + " is null then " + nullDefault + " else (select string_agg(g, '; ' order by g)"
                + " from (select case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee))"
                + " end || ': ' || string_agg(a.privilege_type || case when a.is_grantable then ' WITH GRANT OPTION'"
                + " else '' end, ', ' order by a.privilege_type) as g from aclexplode(" + acl + ") a"
                + " where not (a.grantee = " + ownerOid + " and (a.privilege_type, a.is_grantable) in"
                + " (select d.privilege_type, d.is_grantable from aclexplode(acldefault('" + objectType + "', "
                + ownerOid + ")) d)) group by a.grantee) x) end";
    }

    /** SQL: a collation's name when it is not the type's default, schema-qualified unless in pg_catalog. */
    static String collation(String collationOid, String defaultCollationOid) {
        return "(select case when cn.nspname = 'pg_catalog' then quote_ident(co.collname) else quote_ident(cn.nspname)"
                + " || '.' || quote_ident(co.collname) end from pg_collation co join pg_namespace cn on cn.oid ="
                + " co.collnamespace where co.oid = " + collationOid + " and " + collationOid + " <> "
                + defaultCollationOid + ")";
    }
}
