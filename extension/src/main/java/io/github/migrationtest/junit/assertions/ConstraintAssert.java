package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Constraint;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Assertions on a table constraint: its kind, a foreign key's target and actions, a check's expression. */
public class ConstraintAssert extends NavigableAssert<ConstraintAssert, Constraint> {

    public ConstraintAssert(Constraint actual) {
        super(actual, ConstraintAssert.class);
    }

    public ConstraintAssert isPrimaryKey() {
        return kind("PRIMARY KEY", "a primary key");
    }

    public ConstraintAssert isUnique() {
        return kind("UNIQUE", "a unique constraint");
    }

    public ConstraintAssert isForeignKey() {
        return kind("FOREIGN KEY", "a foreign key");
    }

    public ConstraintAssert isCheck() {
        return kind("CHECK", "a check constraint");
    }

    /**
     * A foreign key to this table ({@code users} or {@code public.users}) and, when given, these
     * columns of it in this order.
     */
    public ConstraintAssert references(String table, String... columns) {
        isForeignKey();
        List<String> wantedColumns = Arrays.stream(columns).map(c -> Names.parse(c).get(0)).toList();
        String expected = table + (columns.length == 0 ? "" : "(" + String.join(", ", wantedColumns) + ")");
        return expectValue("reference to", expected, c -> {
            Definitions.ForeignKey key = foreignKey(c);
            return key.target() + "(" + String.join(", ", key.targetColumns()) + ")";
        }, (wanted, found) -> {
            Definitions.ForeignKey key = foreignKey(actual);
            Names.Qualified target = Names.Qualified.of(key.target());
            return Names.Qualified.of(table).matches(target.schema(), target.name())
                    && (wantedColumns.isEmpty() || wantedColumns.equals(key.targetColumns()));
        });
    }

    /** The foreign key's {@code ON DELETE} action: {@code CASCADE}, {@code SET NULL}, {@code NO ACTION}... */
    public ConstraintAssert onDelete(String action) {
        isForeignKey();
        return expectValue("ON DELETE", action, c -> foreignKey(c).onDelete(), ConstraintAssert::sameAction);
    }

    /** The foreign key's {@code ON UPDATE} action. */
    public ConstraintAssert onUpdate(String action) {
        isForeignKey();
        return expectValue("ON UPDATE", action, c -> foreignKey(c).onUpdate(), ConstraintAssert::sameAction);
    }

    /**
     * A check constraint with this expression, compared without casts, parentheses and white space:
     * {@code total >= 0} matches Postgres's {@code CHECK ((total >= (0)::numeric))}.
     */
    public ConstraintAssert checks(String expression) {
        isCheck();
        return expectValue("check", expression, c -> c.definition().substring("CHECK".length()).trim(),
                (wanted, found) -> Definitions.bareExpression(found).equals(Definitions.bareExpression(wanted)));
    }

    /** The definition exactly as {@code pg_get_constraintdef} writes it. */
    public ConstraintAssert hasDefinition(String definition) {
        return expectValue("definition", definition, Constraint::definition, String::equals);
    }

    /** Back to the table this constraint was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }

    private ConstraintAssert kind(String prefix, String kind) {
        return expect(c -> c.definition().startsWith(prefix), kind, c -> "it is " + c.definition());
    }

    private static boolean sameAction(String wanted, String found) {
        return found.equals(wanted.trim().toUpperCase(Locale.ROOT));
    }

    private static Definitions.ForeignKey foreignKey(Constraint constraint) {
        return Definitions.foreignKey(constraint.definition()).orElseThrow();
    }
}
