package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

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
        if (!absent() && !TypeNames.same(expected, actual.type())) {
            throw failure(shouldHaveValue("type", expected, actual.type()), actual.type(), expected);
        }
        return myself;
    }

    /**
     * The column is declared {@code NOT NULL}. (Unlike AssertJ's {@code isNotNull()}, which checks
     * that the asserted value exists: a column reached by navigation always does.)
     */
    @Override
    public ColumnAssert isNotNull() {
        if (!absent() && !actual.notNull()) {
            fail(shouldBe("NOT NULL", "the column is nullable"));
        }
        return myself;
    }

    /** The column accepts nulls. */
    public ColumnAssert isNullable() {
        if (!absent() && actual.notNull()) {
            fail(shouldBe("a nullable column", "the column is NOT NULL"));
        }
        return myself;
    }

    /**
     * The column's default, as Postgres writes it ({@code ''::character varying}) or without its
     * casts ({@code ''}, {@code 'open'}, {@code now()}).
     */
    public ColumnAssert hasDefault(String expected) {
        if (absent()) {
            return myself;
        }
        String actualDefault = actual.defaultValue();
        boolean same = Objects.equals(expected, actualDefault) || (actualDefault != null
                && Definitions.bareExpression(actualDefault).equals(Definitions.bareExpression(expected)));
        if (!same) {
            throw failure(shouldHaveValue("default", expected, actualDefault), actualDefault, expected);
        }
        return myself;
    }

    public ColumnAssert hasNoDefault() {
        if (!absent() && actual.defaultValue() != null) {
            throw failure(shouldHaveValue("default", null, actual.defaultValue()), actual.defaultValue(), null);
        }
        return myself;
    }

    /** The column is an identity column ({@code GENERATED ... AS IDENTITY}). */
    public ColumnAssert isIdentity() {
        if (!absent() && actual.identity() == null) {
            fail(shouldBe("an identity column", "it is not"));
        }
        return myself;
    }

    /** Back to the table this column was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }
}
