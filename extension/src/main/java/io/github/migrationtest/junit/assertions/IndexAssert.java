package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;
import static io.github.migrationtest.junit.assertions.error.ShouldHaveValue.shouldHaveValue;

import io.github.migrationtest.verifier.snapshot.Index;
import java.util.List;

/** Assertions on an index: uniqueness and the columns or expressions it covers. */
public class IndexAssert extends NavigableAssert<IndexAssert, Index> {

    public IndexAssert(Index actual) {
        super(actual, IndexAssert.class);
    }

    public IndexAssert isUnique() {
        if (!absent() && !unique()) {
            fail(shouldBe("a unique index", "it is " + actual.definition()));
        }
        return myself;
    }

    public IndexAssert isNotUnique() {
        if (!absent() && unique()) {
            fail(shouldBe("an index that is not unique", "it is " + actual.definition()));
        }
        return myself;
    }

    /**
     * The index keys are exactly these, in this order: column names ({@code email}) or
     * expressions as Postgres writes them ({@code lower(email)}); sort order and operator classes
     * after a column name are not compared.
     */
    public IndexAssert covers(String... keys) {
        if (absent()) {
            return myself;
        }
        List<String> actualKeys = Definitions.indexKeys(actual.definition());
        boolean same = actualKeys.size() == keys.length;
        for (int i = 0; same && i < keys.length; i++) {
            same = Definitions.sameKey(keys[i], actualKeys.get(i));
        }
        if (!same) {
            String expected = "(" + String.join(", ", keys) + ")";
            String found = "(" + String.join(", ", actualKeys) + ")";
            throw failure(shouldHaveValue("keys", expected, found), found, expected);
        }
        return myself;
    }

    /** Back to the table this index was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }

    private boolean unique() {
        return actual.definition().startsWith("CREATE UNIQUE INDEX");
    }
}
