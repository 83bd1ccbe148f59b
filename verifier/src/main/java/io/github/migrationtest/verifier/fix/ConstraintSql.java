package io.github.migrationtest.verifier.fix;

import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.SchemaObject;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

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
        // A dropped table takes its constraints along, but a foreign key to another table whose keys
        // go must go first, or that table (or key) could not be dropped before this one.
        if (plan.dropsParentOf(constraint) && (referencesOwnTable(constraint)
                || !referencesKeysThatGo(constraint, plan.changes()))) {
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
     * Whether the foreign key points at a table whose keys go away in {@code changes}: the table is
     * dropped, or a key or index on it, over the columns the foreign key references, is dropped or replaced.
     * Postgres ties the foreign key to the index it found, so the foreign key must be dropped first and, where
     * it stays, added again after. A key over other columns (a unique slug beside the primary key the foreign
     * key references) gives no index the foreign key rests on, and leaves it alone.
     */
    static boolean referencesKeysThatGo(Constraint constraint, Collection<Change> changes) {
        String referenced = referencedTable(constraint);
        return referenced != null && changes.stream().filter(ConstraintSql::dropsKey).map(Change::from)
                .anyMatch(gone -> gone instanceof Table ? Targets.name(gone).equals(referenced)
                        : Targets.table(gone).equals(referenced) && mayRestOn(constraint, gone));
    }

    /**
     * Whether the foreign key may rest on the key or index: it references the same columns, in any order. Where
     * either column list cannot be read, it may.
     */
    private static boolean mayRestOn(Constraint foreignKey, SchemaObject key) {
        String definition = foreignKey.definition();
        int references = definition.indexOf(" REFERENCES ");
        Set<String> referenced = columnList(definition, references < 0 ? -1
                : references + " REFERENCES ".length() + referencedTable(foreignKey).length());
        Set<String> keyColumns = key instanceof Constraint constraint ? columnList(constraint.definition(),
                constraint.definition() == null ? -1 : constraint.definition().indexOf('('))
                : key instanceof Index index && index.definition() != null
                        ? columnList(index.definition(), keyListStart(index.definition())) : null;
        return referenced == null || keyColumns == null || referenced.equals(keyColumns);
    }

    private static int keyListStart(String indexDefinition) {
        int using = indexDefinition.indexOf(" USING ");
        return using < 0 ? -1 : indexDefinition.indexOf('(', using);
    }

    /**
     * The names in the parenthesised list that opens at {@code open}, as Postgres wrote them; {@code null} where
     * there is no such list or it holds an expression.
     */
    private static Set<String> columnList(String definition, int open) {
        if (definition == null || open < 0 || open >= definition.length() || definition.charAt(open) != '(') {
            return null;
        }
        Set<String> names = new HashSet<>();
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        for (int i = open + 1; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                name.append(c);
            } else if (!quoted && (c == ',' || c == ')')) {
                String column = name.toString().strip();
                boolean oneQuotedName = column.length() > 1 && column.startsWith("\"") && column.endsWith("\"");
                if (column.isEmpty() || !oneQuotedName && column.contains(" ")) {
                    return null; // an operator class or an ordering beside the name: leave it to the caller
                }
                names.add(column);
                name.setLength(0);
                if (c == ')') {
                    return names;
                }
            } else if (!quoted && c == '(') {
                return null;
            } else {
                name.append(c);
            }
        }
        return null;
    }

    /** Whether the change takes away a table or a key: dropped, or replaced as its generator replaces it. */
    private static boolean dropsKey(Change change) {
        SchemaObject gone = change.from();
        boolean key = gone instanceof Constraint constraint && canBeReferenced(constraint)
                || gone instanceof Index index && canBeReferenced(index);
        return (gone instanceof Table || key) && change.dropsOld()
                || key && Stream.of("definition", "constraint", "table").anyMatch(change.properties()::contains);
    }

    /**
     * Whether a foreign key can rest on the constraint's index: a primary key or a unique constraint. A check, an
     * exclusion constraint or another foreign key gives none, so dropping or changing one leaves the foreign keys
     * that reference its table alone.
     */
    private static boolean canBeReferenced(Constraint constraint) {
        String definition = constraint.definition();
        return definition == null || definition.startsWith("PRIMARY KEY") || definition.startsWith("UNIQUE");
    }

    /**
     * Whether a foreign key can rest on the index: one behind a constraint, or a unique index on plain columns
     * without a predicate (Postgres takes no other for a foreign key). Dropping any other index leaves every
     * foreign key alone, so dropping a table's plain indexes does not drop and re-add the keys that reference it.
     */
    private static boolean canBeReferenced(Index index) {
        String definition = index.definition();
        if (definition == null) {
            return true;
        }
        if (!definition.startsWith("CREATE UNIQUE INDEX ") || definition.contains(" WHERE ")) {
            return false;
        }
        int using = definition.indexOf(" USING ");
        int open = using < 0 ? -1 : definition.indexOf('(', using);
        if (open < 0) {
            return true; // not the form pg_get_indexdef writes: keep the foreign keys safe
        }
        // The key list, as pg_get_indexdef writes it: an expression is parenthesised, a column is not.
        boolean quoted = false;
        for (int i = open + 1; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                return false;
            } else if (!quoted && c == ')') {
                return true;
            }
        }
        return true;
    }

    private static boolean referencesOwnTable(Constraint constraint) {
        return Targets.table(constraint).equals(referencedTable(constraint));
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
