package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

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
        return startsWith("PRIMARY KEY", "a primary key");
    }

    public ConstraintAssert isUnique() {
        return startsWith("UNIQUE", "a unique constraint");
    }

    public ConstraintAssert isForeignKey() {
        return startsWith("FOREIGN KEY", "a foreign key");
    }

    public ConstraintAssert isCheck() {
        return startsWith("CHECK", "a check constraint");
    }

    /**
     * A foreign key to this table ({@code users} or {@code public.users}) and, when given, these
     * columns of it in this order.
     */
    public ConstraintAssert references(String table, String... columns) {
        if (absent()) {
            return myself;
        }
        Definitions.ForeignKey key = foreignKey();
        Names.Qualified wanted = Names.Qualified.of(table);
        Names.Qualified target = Names.Qualified.of(key.target());
        List<String> wantedColumns = Arrays.stream(columns).map(c -> Names.parse(c).get(0)).toList();
        boolean same = wanted.matches(target.schema(), target.name())
                && (wantedColumns.isEmpty() || wantedColumns.equals(key.targetColumns()));
        if (!same) {
            String expected = table + (columns.length == 0 ? "" : "(" + String.join(", ", wantedColumns) + ")");
            String found = key.target() + "(" + String.join(", ", key.targetColumns()) + ")";
            throw failure(shouldHaveValue("reference to", expected, found), found, expected);
        }
        return myself;
    }

    /** The foreign key's {@code ON DELETE} action: {@code CASCADE}, {@code SET NULL}, {@code NO ACTION}... */
    public ConstraintAssert onDelete(String action) {
        return absent() ? myself : action("ON DELETE", action, foreignKey().onDelete());
    }

    /** The foreign key's {@code ON UPDATE} action. */
    public ConstraintAssert onUpdate(String action) {
        return absent() ? myself : action("ON UPDATE", action, foreignKey().onUpdate());
    }

    /**
     * A check constraint with this expression, compared without casts, parentheses and white space:
     * {@code total >= 0} matches Postgres's {@code CHECK ((total >= (0)::numeric))}.
     */
    public ConstraintAssert checks(String expression) {
        if (absent()) {
            return myself;
        }
        isCheck();
        String written = actual.definition().substring("CHECK".length()).trim();
        if (!Definitions.bareExpression(written).equals(Definitions.bareExpression(expression))) {
            throw failure(shouldHaveValue("check", expression, written), written, expression);
        }
        return myself;
    }

    /** The definition exactly as {@code pg_get_constraintdef} writes it. */
    public ConstraintAssert hasDefinition(String definition) {
        if (!absent() && !actual.definition().equals(definition)) {
            throw failure(shouldHaveValue("definition", definition, actual.definition()), actual.definition(), definition);
        }
        return myself;
    }

    /** Back to the table this constraint was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }

    private ConstraintAssert startsWith(String prefix, String kind) {
        if (!absent() && !actual.definition().startsWith(prefix)) {
            fail(shouldBe(kind, "it is " + actual.definition()));
        }
        return myself;
    }

    private ConstraintAssert action(String clause, String expected, String found) {
        if (!found.equals(expected.trim().toUpperCase(Locale.ROOT))) {
            throw failure(shouldHaveValue(clause, expected, found), found, expected);
        }
        return myself;
    }

    private Definitions.ForeignKey foreignKey() {
        isForeignKey();
        return Definitions.foreignKey(actual.definition()).orElseThrow();
    }
}
