package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.diff.ColumnOrderChanged;
import io.github.migrationtest.verifier.diff.Difference;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.TableObject;
import java.util.List;
import java.util.Optional;

/** Writes one direction: every change through its kind's generator, then what the script as a whole needs. */
final class Planner {
    private Planner() {
    }

    static Plan plan(SchemaSnapshot from, SchemaSnapshot to, List<Difference> differences) {
        Plan plan = new Plan(from, to, Changes.between(from, to, differences));
        for (Difference difference : differences) {
            if (difference instanceof ColumnOrderChanged order) {
                plan.manual(order.path(), "columns in the order (" + order.actual() + "), wanted ("
                        + order.expected() + "): Postgres cannot reorder columns in place; recreate the table by"
                        + " hand if the order matters" + (order.reportOnly() ? " (reported, not failed)" : ""));
            }
        }
        plan.changes().forEach(change -> write(change, plan));
        if (plan.script().anyStartsWith("CREATE FUNCTION", "CREATE PROCEDURE", "CREATE OR REPLACE ")) {
            plan.add(Phase.SETUP, "bodies are checked when they run, so a function may name a table created below",
                    "SET check_function_bodies = off");
        }
        return plan;
    }

    private static void write(Change change, Plan plan) {
        Optional<Table> child = tableIfChild(change, plan);
        if (child.isPresent()) {
            plan.manual(change.path(), "belongs to " + child.get().path() + ", a partition or inheritance child:"
                    + " Postgres applies its parent's changes to it, anything of its own is not generated");
        } else if (change.replacesWhole()) {
            drop(change.from(), plan);
            create(change.to(), plan);
        } else if (change.creates()) {
            create(change.to(), plan);
        } else if (change.drops()) {
            drop(change.from(), plan);
        } else {
            Pending pending = new Pending(change.properties());
            alter(change.from(), change.to(), pending, plan);
            // Last, so a generator that replaced the object has taken them all and the new one brings its own.
            Annotations.altered(change.from(), change.to(), pending, plan);
            pending.remaining().forEach(property -> plan.manual(change.path(),
                    "no SQL is generated for a change of " + property));
        }
    }

    private static <T extends SchemaObject> void create(T object, Plan plan) {
        Generators.of(object).create(object, plan);
    }

    private static <T extends SchemaObject> void drop(T object, Plan plan) {
        Generators.of(object).drop(object, plan);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SchemaObject> void alter(T from, SchemaObject to, Pending pending, Plan plan) {
        Generators.of(from).alter(from, (T) to, pending, plan);
    }

    /** The partition or inheritance child a column, constraint, index, trigger or policy belongs to, if so. */
    private static Optional<Table> tableIfChild(Change change, Plan plan) {
        SchemaObject object = change.object();
        if (!(object instanceof TableObject || object instanceof Index)) {
            return Optional.empty();
        }
        SchemaSnapshot side = change.to() != null ? plan.to() : plan.from();
        return side.lookup(object.parentPath()).filter(Table.class::isInstance).map(Table.class::cast)
                .filter(TableSql::isChild);
    }
}
