package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.UnderSavepoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code DROP TABLE} or {@code DROP INDEX} of one relation in a step that already holds its table in ACCESS
 * EXCLUSIVE, told before it runs, so that no read follows it. Such a step is an initial schema's downgrade or a
 * revision dropping hundreds of indexes: its reads each copy the whole lock table, which grows with every statement
 * (4,833 locks at the end of openlane's first downgrade, most of them object locks its drops take), so reading after
 * every statement made it quadratic (BENCHMARKS.md, "Session 27"). What such a drop does to the relations the step
 * started with is known from the catalog just before it: it takes the table's lock it holds already, and takes away
 * the relation and, for a table, its indexes; it rewrites, scans and builds nothing. Without {@code CASCADE} it fails
 * rather than take anything that depends on it, and a table's own foreign keys, a partition's or child's parent and a
 * partitioned table's partitions would be locked too: those drops are read after, as any other statement.
 */
final class HeldDrops {

    /** From this many relations locked by the step, a look at the catalog before a drop costs less than a read after. */
    static final int MANY_LOCKED = 16;

    private static final Pattern DROP = Pattern.compile(
            "^DROP (TABLE|INDEX) (IF EXISTS )?" + QuietStatements.NAME + "( RESTRICT)?$");

    /**
     * The relation the name means now, in the session's search path (as the drop will resolve it), with its table
     * (itself, or an index's), what else the drop would reach, and the indexes a table's drop takes with it.
     */
    private static final String RELATION = """
            select c.oid, c.relkind, coalesce(x.indrelid, c.oid), coalesce(t.relkind, c.relkind),
                   c.relispartition or exists (select from pg_catalog.pg_inherits i where i.inhrelid = c.oid),
                   exists (select from pg_catalog.pg_constraint k where k.conrelid = c.oid and k.contype = 'f'),
                   (select pg_catalog.string_agg(y.indexrelid::text, ',') from pg_catalog.pg_index y
                       where y.indrelid = c.oid)
            from pg_catalog.pg_class c
            left join pg_catalog.pg_index x on x.indexrelid = c.oid
            left join pg_catalog.pg_class t on t.oid = x.indrelid
            where c.oid = pg_catalog.to_regclass(?)""";

    /**
     * A drop whose read is skipped.
     *
     * @param gone the relations the step started with that it takes away
     */
    record Drop(List<Long> gone) {
    }

    private HeldDrops() {
    }

    /** Whether the statement is a drop this class may tell (then worth a look at the catalog). */
    static boolean candidate(String code) {
        return DROP.matcher(code).matches();
    }

    /**
     * What the drop will take away, when its table is the step's own or one the step holds in ACCESS EXCLUSIVE, and it
     * reaches nothing else; empty otherwise (and when the name means nothing: the drop fails or does nothing).
     *
     * @param highest the highest relation oid when the step started: above it, the step created the relation
     * @param held what the previous read found (the relations the step has locked so far)
     */
    static Optional<Drop> before(Connection connection, String code, long highest, CatalogReads.Reading held)
            throws SQLException {
        Matcher drop = DROP.matcher(code);
        if (!drop.matches()) {
            return Optional.empty();
        }
        boolean table = drop.group(1).equals("TABLE");
        // Under a savepoint: a name the server refuses (a schema the role may not use) must fail the drop, not this.
        return UnderSavepoint.read(connection, RELATION, statement -> statement.setString(1, drop.group(3)), row -> {
            if (!row.next()) {
                return Optional.empty();
            }
            long oid = row.getLong(1);
            long tableOid = row.getLong(3);
            boolean plain = row.getString(4).equals("r") && !row.getBoolean(5);
            if (!plain || !row.getString(2).equals(table ? "r" : "i") || (table && row.getBoolean(6))
                    || !(tableOid > highest || holdsAccessExclusive(held, tableOid))) {
                return Optional.empty();
            }
            List<Long> gone = new ArrayList<>();
            if (oid <= highest) {
                gone.add(oid);
            }
            String indexes = row.getString(7);
            if (table && indexes != null) {
                for (String index : indexes.split(",")) {
                    if (Long.parseLong(index) <= highest) {
                        gone.add(Long.parseLong(index));
                    }
                }
            }
            return Optional.of(new Drop(gone));
        });
    }

    private static boolean holdsAccessExclusive(CatalogReads.Reading held, long table) {
        RelationState state = held.states().get(table);
        return state != null && state.exists() && state.locks().contains(LockMode.ACCESS_EXCLUSIVE);
    }

    /** How many relations the reading found locked. */
    static long locked(CatalogReads.Reading reading) {
        return reading.states().values().stream().filter(s -> !s.locks().isEmpty()).count();
    }
}
