package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.snapshot.UnderSavepoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops told before they run, so that no read follows them: a {@code DROP TABLE} or {@code DROP INDEX} of one relation,
 * or an {@code ALTER TABLE ... DROP CONSTRAINT} of foreign keys and checks, that takes no lock the step does not hold
 * already on a relation it started with. Such drops fill an initial schema's downgrade or a revision dropping hundreds
 * of indexes, whose reads each copy the whole lock table, which grows with every drop (4,833 locks at the end of
 * openlane's first downgrade, most of them object locks on what the drops take with them): read after every statement,
 * such a step was quadratic (BENCHMARKS.md, "Session 27").
 *
 * <p>What such a drop does to the relations the step started with is known from the catalog just before it, looked up
 * by the name in the session's search path as the drop will: a table's drop takes it and its indexes away (its own lock
 * tells nothing then, as for any relation the step first found gone), and locks in ACCESS EXCLUSIVE the tables its
 * foreign keys reference; an index's drop takes the index away and locks its table in ACCESS EXCLUSIVE; a constraint's
 * drop locks its table and a foreign key's referenced table so. Told only when each of those tables is the step's own,
 * the dropped table itself, or one the step already holds in ACCESS EXCLUSIVE: then the drop takes no lock mode the
 * step does not hold, and rewrites, scans and builds nothing. Without {@code CASCADE} a drop fails rather than take
 * what depends on it. A partition, a child or parent table, a partitioned table (whose partitions a drop reaches)
 * and a key to one are read after, as any other statement, and so is a drop of a unique or primary key constraint
 * (its index). Checked against {@code pg_locks} on Postgres 15 and 17.
 */
final class HeldDrops {

    /** From this many statements into a step, a look at the catalog before a drop costs less than a read after it. */
    static final int FROM_STATEMENT = 16;

    private static final Pattern DROP = Pattern.compile(
            "^DROP (TABLE|INDEX) (IF EXISTS )?" + QuietStatements.NAME + "( RESTRICT)?$");
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^ALTER TABLE (IF EXISTS )?(ONLY )?" + QuietStatements.NAME);
    /** One clause of an {@code ALTER TABLE} that drops constraints, read one after the other from the table's name. */
    private static final Pattern DROP_CONSTRAINT = Pattern.compile(
            " DROP CONSTRAINT (IF EXISTS )?(" + QuietStatements.IDENTIFIER + ")( RESTRICT)?(,|$)");

    /**
     * The relation the name means now (as the statement will resolve it), its table (itself, or an index's) and that
     * table's kind, whether either is a partition or has a parent or child table, the indexes a table's drop takes with
     * it, and the constraints the drop takes (a table's foreign keys, or those named): name, type, referenced table and
     * its kind.
     */
    private static final String RELATION = """
            select c.oid, c.relkind, t.oid, t.relkind,
                   c.relispartition or t.relispartition or exists (select from pg_catalog.pg_inherits i
                       where i.inhrelid in (c.oid, t.oid) or i.inhparent = t.oid),
                   (select pg_catalog.array_agg(y.indexrelid) from pg_catalog.pg_index y where y.indrelid = c.oid),
                   k.names, k.types, k.referenced, k.kinds
            from pg_catalog.pg_class c
            left join pg_catalog.pg_index x on x.indexrelid = c.oid
            join pg_catalog.pg_class t on t.oid = coalesce(x.indrelid, c.oid)
            left join lateral (
                select pg_catalog.array_agg(k.conname::text order by k.oid) as names,
                       pg_catalog.array_agg(k.contype::text order by k.oid) as types,
                       pg_catalog.array_agg(k.confrelid order by k.oid) as referenced,
                       pg_catalog.array_agg(coalesce(r.relkind::text, '') order by k.oid) as kinds
                from pg_catalog.pg_constraint k left join pg_catalog.pg_class r on r.oid = k.confrelid
                where k.conrelid = t.oid and ((? and k.contype = 'f') or k.conname = any(?::pg_catalog.text[]))) k on true
            where c.oid = pg_catalog.to_regclass(?)""";

    /** What a drop statement names: the relation, and for an {@code ALTER TABLE} the constraints it drops. */
    record Dropping(Kind kind, String name, List<String> constraints) {
    }

    enum Kind { TABLE, INDEX, CONSTRAINTS }

    /**
     * A drop whose read is skipped.
     *
     * @param gone the relations the step started with that it takes away
     */
    record Drop(List<Long> gone) {
    }

    private HeldDrops() {
    }

    /** What the statement drops, when it is a drop this class may tell; null for another. */
    static Dropping dropping(String code) {
        Matcher drop = DROP.matcher(code);
        if (drop.matches()) {
            return new Dropping(drop.group(1).equals("TABLE") ? Kind.TABLE : Kind.INDEX, drop.group(3), List.of());
        }
        Matcher head = ALTER_TABLE.matcher(code);
        if (!head.lookingAt() || head.end() == code.length()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        Matcher clause = DROP_CONSTRAINT.matcher(code);
        for (int at = head.end(); at < code.length(); at = clause.end()) {
            clause.region(at, code.length());
            if (!clause.lookingAt()) {
                return null;
            }
            names.add(stored(clause.group(2)));
        }
        return new Dropping(Kind.CONSTRAINTS, head.group(3), names);
    }

    /**
     * What the drop will take away, when it takes no lock the step does not hold; empty otherwise (and when the name
     * means nothing: the drop fails or does nothing).
     *
     * @param highest the highest relation oid when the step started: above it, the step created the relation
     * @param held what the previous read found (the relations the step has locked so far)
     */
    static Optional<Drop> before(Connection connection, Dropping dropping, long highest, CatalogReads.Reading held)
            throws SQLException {
        // Under a savepoint: a name the server refuses (a schema the role may not use) must fail the drop, not this.
        return UnderSavepoint.read(connection, RELATION, statement -> {
            statement.setBoolean(1, dropping.kind() == Kind.TABLE);
            statement.setArray(2, connection.createArrayOf("text", dropping.constraints().toArray()));
            statement.setString(3, dropping.name());
        }, row -> {
            if (!row.next()) {
                return Optional.empty();
            }
            Target target = new Target(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                    row.getBoolean(5), list(row.getArray(6), HeldDrops::oid), list(row.getArray(7), String.class::cast),
                    list(row.getArray(8), String.class::cast), list(row.getArray(9), HeldDrops::oid),
                    list(row.getArray(10), String.class::cast));
            return target.told(dropping, highest, held);
        });
    }

    /** What the catalog said of the statement's relation and its table. */
    private record Target(long oid, String kind, long table, String tableKind, boolean inherits, List<Long> indexes,
                          List<String> constraints, List<String> types, List<Long> referenced,
                          List<String> referencedKinds) {

        Optional<Drop> told(Dropping dropping, long highest, CatalogReads.Reading held) {
            if (inherits || !tableKind.equals("r") || !keysHeld(highest, held)) {
                return Optional.empty();
            }
            List<Long> gone = new ArrayList<>();
            switch (dropping.kind()) {
                case TABLE -> {
                    if (!kind.equals("r")) {
                        return Optional.empty();
                    }
                    gone.add(oid);
                    gone.addAll(indexes);
                }
                case INDEX -> {
                    if (!kind.equals("i") || !ownOrHeld(table, highest, held)) {
                        return Optional.empty();
                    }
                    gone.add(oid);
                }
                case CONSTRAINTS -> {
                    if (!kind.equals("r") || !ownOrHeld(table, highest, held)
                            || !constraints.containsAll(dropping.constraints())) {
                        return Optional.empty();
                    }
                }
            }
            gone.removeIf(relation -> relation > highest);
            return Optional.of(new Drop(gone));
        }

        /**
         * Whether the constraints the drop takes are checks, or foreign keys referencing only the table itself, tables of
         * the step's own or tables it holds in ACCESS EXCLUSIVE.
         */
        private boolean keysHeld(long highest, CatalogReads.Reading held) {
            for (int i = 0; i < constraints.size(); i++) {
                if (types.get(i).equals("c")) {
                    continue;
                }
                if (!types.get(i).equals("f") || !referencedKinds.get(i).equals("r")) {
                    return false;
                }
                long to = referenced.get(i);
                if (to != table && !ownOrHeld(to, highest, held)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean ownOrHeld(long table, long highest, CatalogReads.Reading held) {
        if (table > highest) {
            return true;
        }
        RelationState state = held.states().get(table);
        return state != null && state.exists() && state.locks().contains(LockMode.ACCESS_EXCLUSIVE);
    }

    /** A constraint's name as the catalog stores it: a quoted one as written, another folded to lower case. */
    private static String stored(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }

    /** A SQL array's elements; empty for null (an aggregate over no row). */
    private static <T> List<T> list(Array array, Function<Object, T> element) throws SQLException {
        List<T> values = new ArrayList<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                values.add(element.apply(value));
            }
        }
        return values;
    }

    private static Long oid(Object value) {
        return ((Number) value).longValue();
    }
}
