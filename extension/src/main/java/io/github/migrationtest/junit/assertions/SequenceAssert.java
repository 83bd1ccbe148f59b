package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

import io.github.migrationtest.verifier.snapshot.Sequence;
import java.util.Objects;

/** Assertions on a sequence's definition (never its current value, which snapshots leave out). */
public class SequenceAssert extends NavigableAssert<SequenceAssert, Sequence> {

    public SequenceAssert(Sequence actual) {
        super(actual, SequenceAssert.class);
    }

    /** {@code bigint}, {@code integer} or {@code smallint}, or an alias such as {@code int8}. */
    public SequenceAssert hasType(String type) {
        if (!absent() && !TypeNames.same(type, actual.type())) {
            throw failure(shouldHaveValue("type", type, actual.type()), actual.type(), type);
        }
        return myself;
    }

    public SequenceAssert hasIncrement(long increment) {
        return number("increment", increment, actual == null ? 0 : actual.increment());
    }

    public SequenceAssert hasStart(long start) {
        return number("start", start, actual == null ? 0 : actual.start());
    }

    /** Owned by this column ({@code orders.id} or {@code public.orders.id}), so dropping it drops the sequence. */
    public SequenceAssert isOwnedBy(String column) {
        if (absent()) {
            return myself;
        }
        String owner = actual.ownedBy();
        boolean same = owner != null && (owner.equals(column) || owner.endsWith("." + column));
        if (!same) {
            throw failure(shouldHaveValue("owner", column, owner), owner, column);
        }
        return myself;
    }

    /** Back to the schema this sequence was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }

    private SequenceAssert number(String property, long expected, long found) {
        if (!absent() && !Objects.equals(expected, found)) {
            throw failure(shouldHaveValue(property, Long.toString(expected), Long.toString(found)), found, expected);
        }
        return myself;
    }
}
