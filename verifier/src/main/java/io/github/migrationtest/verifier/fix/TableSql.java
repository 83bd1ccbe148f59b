package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tables: created whole (columns and the constraints that can stand inside {@code CREATE TABLE}),
 * dropped with a data-loss warning, and their flags and options changed in place. Partitions and
 * inheritance children are left to people: Postgres gives them their parent's columns, constraints
 * and indexes, which the snapshot cannot tell from their own.
 */
final class TableSql implements ObjectSql<Table> {
    private static final String INDENT = "    ";

    @Override
    public void create(Table table, Plan plan) {
        if (isChild(table)) {
            plan.manual(table.path(), "a partition or inheritance child is not generated: create it with "
                    + "PARTITION OF / INHERITS by hand");
            return;
        }
        List<String> lines = new ArrayList<>();
        List<Column> columns = plan.to().columns(table);
        columns.forEach(column -> lines.add(ColumnSql.definition(column, plan.to())));
        plan.to().children(table.path()).stream().filter(Constraint.class::isInstance).map(Constraint.class::cast)
                .filter(ConstraintSql::fitsInCreateTable)
                .forEach(c -> lines.add("CONSTRAINT " + Targets.name(c) + " " + c.definition()));
        StringBuilder sql = new StringBuilder("CREATE ").append(table.unlogged() ? "UNLOGGED " : "").append("TABLE ")
                .append(Targets.name(table)).append(" (");
        if (!lines.isEmpty()) {
            sql.append('\n').append(INDENT).append(String.join(",\n" + INDENT, lines)).append('\n');
        }
        sql.append(')');
        if (table.partitionKey() != null) {
            sql.append(" PARTITION BY ").append(table.partitionKey());
        }
        if (table.options() != null) {
            sql.append(" WITH (").append(table.options()).append(')');
        }
        plan.add(Phase.CREATE_TABLE, sql.toString());
        if (table.rowLevelSecurity()) {
            plan.add(Phase.CREATE_TABLE, alter(table) + "ENABLE ROW LEVEL SECURITY");
        }
        if (table.forceRowLevelSecurity()) {
            plan.add(Phase.CREATE_TABLE, alter(table) + "FORCE ROW LEVEL SECURITY");
        }
        if (table.replicaIdentity() != null) { // after its index, which comes later
            plan.add(Phase.ANNOTATE, alter(table) + "REPLICA IDENTITY " + table.replicaIdentity());
        }
        Annotations.created(table, Phase.CREATE_TABLE, plan);
        columns.forEach(column -> ColumnSql.created(column, Phase.CREATE_TABLE, plan));
    }

    @Override
    public void drop(Table table, Plan plan) {
        if (table.partitionOf() != null && plan.drops(table.partitionOf())) {
            return; // a partition goes with its partitioned table
        }
        if (isChild(table)) {
            plan.manual(table.path(), "a partition or inheritance child is not dropped by generated SQL: detach and"
                    + " drop it by hand");
            return;
        }
        plan.add(Phase.DROP_TABLE, ClosingMigration.DROPS_DATA + " table " + table.path(), Targets.drop(table));
    }

    @Override
    public void alter(Table from, Table to, Pending changed, Plan plan) {
        if (changed.take("unlogged")) {
            plan.add(Phase.ALTER_TABLE, alter(to) + (to.unlogged() ? "SET UNLOGGED" : "SET LOGGED"));
        }
        if (changed.take("row level security")) {
            plan.add(Phase.ALTER_TABLE, alter(to) + (to.rowLevelSecurity() ? "ENABLE" : "DISABLE")
                    + " ROW LEVEL SECURITY");
        }
        if (changed.take("force row level security")) {
            plan.add(Phase.ALTER_TABLE, alter(to) + (to.forceRowLevelSecurity() ? "" : "NO ")
                    + "FORCE ROW LEVEL SECURITY");
        }
        if (changed.take("options")) {
            StorageOptions.change("ALTER TABLE " + Targets.name(to), from.options(), to.options())
                    .forEach(sql -> plan.add(Phase.ALTER_TABLE, sql));
        }
        if (changed.take("replica identity")) {
            plan.add(Phase.ANNOTATE, alter(to) + "REPLICA IDENTITY "
                    + Objects.requireNonNullElse(to.replicaIdentity(), "DEFAULT"));
        }
    }

    /** A partition or an inheritance child, whose columns and constraints partly come from its parent. */
    static boolean isChild(Table table) {
        return table.partitionOf() != null || table.inherits() != null;
    }

    private static String alter(Table table) {
        return "ALTER TABLE " + Targets.name(table) + " ";
    }
}
