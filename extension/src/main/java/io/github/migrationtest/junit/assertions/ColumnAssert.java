package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Column;
import java.util.Objects;

/** Assertions on a column: type, nullability, default, identity. */
public class ColumnAssert extends NavigableAssert<ColumnAssert, Column> {

    public ColumnAssert(Column actual) {
        super(actual, ColumnAssert.class);
    }

    /**
     * The column's type, as {@code format_type} writes it or by a common alias:
     * {@code varchar(255)}, {@code int}, {@code timestamptz}, {@code mood} for {@code public.mood}.
     */
    public ColumnAssert hasType(String expected) {
        return expectValue("type", expected, Column::type, TypeNames::same);
    }

    /**
     * The column is declared {@code NOT NULL}. (Unlike AssertJ's {@code isNotNull()}, which checks
     * that the asserted value exists: a column reached by navigation always does.)
     */
    @Override
    public ColumnAssert isNotNull() {
        return expect(Column::notNull, "NOT NULL", c -> "the column is nullable");
    }

    /** The column accepts nulls. */
    public ColumnAssert isNullable() {
        return expect(c -> !c.notNull(), "a nullable column", c -> "the column is NOT NULL");
    }

    /**
     * The column's default, as Postgres writes it ({@code ''::character varying}) or without its
     * casts ({@code ''}, {@code 'open'}, {@code now()}).
     */
    public ColumnAssert hasDefault(String expected) {
        return expectValue("default", expected, Column::defaultValue, (wanted, found) -> Objects.equals(wanted, found)
                || (found != null && Definitions.bareExpression(found).equals(Definitions.bareExpression(wanted))));
    }

    public ColumnAssert hasNoDefault() {
        return expectValue("default", null, Column::defaultValue, Objects::equals);
    }

    /** The column is an identity column ({@code GENERATED ... AS IDENTITY}). */
    public ColumnAssert isIdentity() {
        return expect(c -> c.identity() != null, "an identity column", c -> "it is not");
    }

    /** Back to the table this column was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }
}
