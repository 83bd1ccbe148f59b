package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.Table;

/**
 * Constraints from {@code pg_get_constraintdef}, which is what follows {@code ADD CONSTRAINT name}.
 * Foreign keys come after every key and unique index they may reference; a changed definition is
 * dropped and added again.
 */
final class ConstraintSql implements ObjectSql<Constraint> {

    @Override
    public void create(Constraint constraint, Plan plan) {
        if (plan.creates(constraint.parentPath()) && fitsInCreateTable(constraint)) {
            Annotations.created(constraint, Phase.CREATE_TABLE, plan); // the constraint itself is in CREATE TABLE
            return;
        }
        Phase phase = isForeignKey(constraint) ? Phase.ADD_FOREIGN_KEY : Phase.ADD_CONSTRAINT;
        plan.add(phase, "ALTER TABLE " + Targets.table(constraint) + " ADD CONSTRAINT " + Targets.name(constraint)
                + " " + constraint.definition());
        Annotations.created(constraint, phase, plan);
    }

    @Override
    public void drop(Constraint constraint, Plan plan) {
        // A dropped table takes its constraints along, but a foreign key to another table being
        // dropped must go first, or that table could not be dropped before this one.
        if (plan.dropsParentOf(constraint) && !referencesAnotherDroppedTable(constraint, plan)) {
            return;
        }
        plan.add(isForeignKey(constraint) ? Phase.DROP_FOREIGN_KEY : Phase.DROP_CONSTRAINT,
                "ALTER TABLE " + Targets.table(constraint) + " DROP CONSTRAINT " + Targets.name(constraint));
    }

    @Override
    public void alter(Constraint from, Constraint to, Pending changed, Plan plan) {
        replaceIfChanged(from, to, changed, plan, "definition");
    }

    /**
     * Whether the constraint can be written inside its table's {@code CREATE TABLE}: not a foreign key
     * (the table it references may come later) and not {@code NOT VALID}, which Postgres ignores there.
     */
    static boolean fitsInCreateTable(Constraint constraint) {
        return !isForeignKey(constraint) && !constraint.definition().endsWith(" NOT VALID");
    }

    static boolean isForeignKey(Constraint constraint) {
        return constraint.definition().startsWith("FOREIGN KEY");
    }

    /**
     * Whether the foreign key points at a table whose keys go away in this script (the table is
     * dropped, or a key or index on it is): the foreign key must be dropped first, even when its own
     * table is dropped further down.
     */
    private static boolean referencesAnotherDroppedTable(Constraint constraint, Plan plan) {
        String referenced = referencedTable(constraint);
        if (referenced == null || referenced.equals(Targets.table(constraint))) {
            return false;
        }
        return plan.changes().stream().filter(c -> c.dropsOld() || c.properties().contains("definition"))
                .map(Change::from)
                .anyMatch(gone -> gone instanceof Table && Targets.name(gone).equals(referenced)
                        || (gone instanceof Constraint || gone instanceof Index) && Targets.table(gone).equals(referenced));
    }

    /** The table after {@code REFERENCES}, as Postgres wrote it (schema-qualified, quoted where needed). */
    private static String referencedTable(Constraint constraint) {
        String definition = constraint.definition();
        int start = definition.indexOf(" REFERENCES ");
        if (!isForeignKey(constraint) || start < 0) {
            return null;
        }
        int i = start + " REFERENCES ".length();
        int from = i;
        boolean quoted = false;
        // The name ends at the column list's parenthesis outside quotes.
        while (i < definition.length() && (quoted || definition.charAt(i) != '(')) {
            if (definition.charAt(i) == '"') {
                quoted = !quoted;
            }
            i++;
        }
        return definition.substring(from, i);
    }
}
