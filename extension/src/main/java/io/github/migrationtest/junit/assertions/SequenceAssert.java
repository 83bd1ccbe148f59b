package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Sequence;
import java.util.function.Function;

/** Assertions on a sequence's definition (never its current value, which snapshots leave out). */
public class SequenceAssert extends NavigableAssert<SequenceAssert, Sequence> {

    public SequenceAssert(Sequence actual) {
        super(actual, SequenceAssert.class);
    }

    /** {@code bigint}, {@code integer} or {@code smallint}, or an alias such as {@code int8}. */
    public SequenceAssert hasType(String type) {
        return expectValue("type", type, Sequence::type, TypeNames::same);
    }

    public SequenceAssert hasIncrement(long increment) {
        return number("increment", increment, Sequence::increment);
    }

    public SequenceAssert hasStart(long start) {
        return number("start", start, Sequence::start);
    }

    /** Owned by this column ({@code orders.id} or {@code public.orders.id}), so dropping it drops the sequence. */
    public SequenceAssert isOwnedBy(String column) {
        return expectValue("owner", column, Sequence::ownedBy,
                (wanted, found) -> found != null && (found.equals(wanted) || found.endsWith("." + wanted)));
    }

    /** Back to the schema this sequence was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }

    private SequenceAssert number(String property, long expected, Function<Sequence, Long> value) {
        return expectValue(property, Long.toString(expected), s -> Long.toString(value.apply(s)), String::equals);
    }
}
