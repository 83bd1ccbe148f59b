package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
    private final UnitFilter filter;
    private final ReadSink sink;
    private final List<Pending> pending = new ArrayList<>();
    /** Known once the batch's first result is read, before any row is mapped. */
    private CreationTimes creationTimes;

    ReadScope(Connection connection, SnapshotOptions options, List<Long> schemaOids, UnitFilter filter, ReadSink sink) {
        this.connection = connection;
        this.options = options;
        this.schemaOids = schemaOids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        this.filter = filter;
        this.sink = sink;
    }

    /** Maps one result row to an object, or to {@code null} to skip the row. */
    interface RowMapper {
        SchemaObject map(ResultSet row) throws SQLException;
    }

    /**
     * Receives every object read, with the read unit (and catalog row) it came from, so that an
     * incremental read can re-read it alone later.
     */
    interface ReadSink {
        /** {@code unit} is null for objects read whole every time (schemas, extensions, event triggers). */
        void read(ReadUnit unit, ReadUnit.Member member, SchemaObject object);
    }

    /**
     * A stored expression (default, check, view, index, trigger or policy) as the snapshot holds it:
     * with the date and time literals that are the time of its creation written as {@code 'now'}.
     */
    String expression(String sql) {
        return creationTimes.normalise(sql);
    }

    /** The server's major version, which the driver learnt when it connected (no round trip). */
    int majorVersion() {
        try {
            return connection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("the driver did not say the server's version", e);
        }
    }

    /** Whether this read re-reads only some units, the rest coming from an earlier snapshot. */
    boolean partial() {
        return !filter.readsAll();
    }

    /** Whether this read reads {@code what}: always a whole read, a partial one when its changes asked for it. */
    boolean reads(UnitFilter.Also what) {
        return filter.reads(what);
    }

    /** Adds {@code sql}, whose every {@code ?} stands for the array of included schema OIDs, to the batch. */
    void query(String sql, RowMapper mapper) {
        pending.add(new Pending(sql, null, false, null, mapper));
    }

    /**
     * Adds {@code sql} for objects that belong to a unit of one of {@code kinds} to the batch: its
     * last three columns are {@code unit_kind} (a {@link ReadUnit.Kind} name), {@code unit_oid}, the
     * OID of the unit's relation, type or routine, and {@code member_oid}, the object's own row in
     * {@code memberCatalog} (null for objects that are the unit or a column). A partial read wraps
     * it so that only the asked-for units are read; Postgres flattens the wrapper and looks them up
     * by index. Left out when no unit of these kinds is asked for.
     */
    void query(Set<ReadUnit.Kind> kinds, String memberCatalog, String sql, RowMapper mapper) {
        if (filter.readsAll()) {
            pending.add(new Pending(sql, null, true, memberCatalog, mapper));
            return;
        }
        Set<Long> units = filter.oids(kinds);
        if (!units.isEmpty()) {
            pending.add(new Pending("select * from (" + sql + ") scoped where scoped.unit_oid = any(?::oid[])",
                    units.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")), true,
                    memberCatalog, mapper));
        }
    }

    /**
     * A query waiting for the batch: {@code inUnits} when its rows end with the unit columns,
     * {@code memberCatalog} null when no object is a member of its unit.
     */
    private record Pending(String sql, String unitArray, boolean inUnits, String memberCatalog, RowMapper mapper) {
    }

    /**
     * Runs the batch in one round trip, inside {@code around} (the settings it runs under), and returns how many
     * objects it read. The settings' select also fetches the server's clock and time zone ({@link CreationTimes}).
     * Without an open transaction the statements still share one: the server runs everything before the protocol's
     * one Sync as an implicit transaction, so {@code set_config(..., true)} there holds for the batch and ends with it.
     */
    int run(ReadSettings.Around around) throws SQLException {
        String work = pending.stream().map(Pending::sql).collect(Collectors.joining(";\n"));
        try (PreparedStatement statement = connection.prepareStatement(around.wrap(", " + CreationTimes.COLUMNS, work))) {
            PreparedOnce.atFirstRun(statement);
            int parameter = 1;
            for (Pending query : pending) {
                int count = (int) query.sql().chars().filter(c -> c == '?').count();
                for (int i = 0; i < count; i++) {
                    boolean unitArray = query.unitArray() != null && i == count - 1;
                    statement.setString(parameter++, unitArray ? query.unitArray() : schemaOids);
                }
            }
            statement.execute();
            around.skip(statement);
            try (ResultSet first = statement.getResultSet()) {
                first.next();
                creationTimes = CreationTimes.read(first, first.getMetaData().getColumnCount() - 2);
            }
            statement.getMoreResults();
            int objects = 0;
            for (Pending query : pending) {
                try (ResultSet rows = statement.getResultSet()) {
                    objects += map(query, rows);
                }
                statement.getMoreResults();
            }
            pending.clear();
            return objects;
        }
    }

    private int map(Pending query, ResultSet row) throws SQLException {
        int kindColumn = row.getMetaData().getColumnCount() - 2;
        int objects = 0;
        while (row.next()) {
            SchemaObject object = query.mapper().map(row);
            if (object == null) {
                continue;
            }
            objects++;
            if (!query.inUnits()) {
                sink.read(null, null, object);
            } else {
                ReadUnit unit = new ReadUnit(ReadUnit.Kind.valueOf(row.getString(kindColumn)),
                        row.getLong(kindColumn + 1));
                long member = row.getLong(kindColumn + 2);
                sink.read(unit, row.wasNull() || query.memberCatalog() == null ? null
                        : new ReadUnit.Member(query.memberCatalog(), member), object);
            }
        }
        return objects;
    }

    boolean excludesTable(String schema, String table) {
        return options.excludedTables().contains(table) || options.excludedTables().contains(schema + "." + table);
    }

    /** The user's exclusions, and always the recorder's and the guard's own triggers, which no snapshot shows. */
    boolean excludesEventTrigger(String name) {
        return options.excludedEventTriggers().contains(name) || DdlRecorder.TRIGGERS.contains(name)
                || GuardObjects.EVENT_TRIGGERS.contains(name);
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

    /** SQL: the comment on the object with OID {@code oid} in {@code catalog}, by index lookup. */
    static String comment(String catalog, String oid) {
        return comment(catalog, oid, "0");
    }

    /** SQL: the comment on a sub-object ({@code subId}: a column's number) of the object with OID {@code oid}. */
    static String comment(String catalog, String oid, String subId) {
        return "(select cm.description from pg_description cm where cm.objoid = " + oid + " and cm.classoid = '"
                + catalog + "'::regclass and cm.objsubid = " + subId + ")";
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
        return "case when " + acl + " is null then " + nullDefault + " else " + grants(acl, "'" + objectType + "'",
                ownerOid) + " end";
    }

    /**
     * SQL: the privileges in a non-null ACL, as {@link #grants(String, char, String)} writes them, the owner's implicit
     * ones those {@code acldefault} gives for the object type {@code objectTypeSql} evaluates to.
     */
    static String grants(String acl, String objectTypeSql, String ownerOid) {
        return "(select string_agg(g, '; ' order by g)"
                + " from (select case when a.grantee = 0 then 'PUBLIC' else quote_ident(pg_get_userbyid(a.grantee))"
                + " end || ': ' || string_agg(a.privilege_type || case when a.is_grantable then ' WITH GRANT OPTION'"
                + " else '' end, ', ' order by a.privilege_type) as g from aclexplode(" + acl + ") a"
                + " where not (a.grantee = " + ownerOid + " and (a.privilege_type, a.is_grantable) in"
                + " (select d.privilege_type, d.is_grantable from aclexplode(acldefault(" + objectTypeSql + ", "
                + ownerOid + ")) d)) group by a.grantee) x)";
    }

    /** SQL: a collation's name when it is not the type's default, schema-qualified unless in pg_catalog. */
    static String collation(String collationOid, String defaultCollationOid) {
        return "(select case when cn.nspname = 'pg_catalog' then quote_ident(co.collname) else quote_ident(cn.nspname)"
                + " || '.' || quote_ident(co.collname) end from pg_collation co join pg_namespace cn on cn.oid ="
                + " co.collnamespace where co.oid = " + collationOid + " and " + collationOid + " <> "
                + defaultCollationOid + ")";
    }
}
