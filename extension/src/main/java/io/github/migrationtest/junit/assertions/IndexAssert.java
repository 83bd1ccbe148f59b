package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Index;
import java.util.List;

/** Assertions on an index: uniqueness and the columns or expressions it covers. */
public class IndexAssert extends NavigableAssert<IndexAssert, Index> {

    public IndexAssert(Index actual) {
        super(actual, IndexAssert.class);
    }

    public IndexAssert isUnique() {
        return expect(IndexAssert::unique, "a unique index", i -> "it is " + i.definition());
    }

    public IndexAssert isNotUnique() {
        return expect(i -> !unique(i), "an index that is not unique", i -> "it is " + i.definition());
    }

    /**
     * The index keys are exactly these, in this order: column names ({@code email}) or
     * expressions as Postgres writes them ({@code lower(email)}); sort order and operator classes
     * after a column name are not compared.
     */
    public IndexAssert covers(String... keys) {
        return expectValue("keys", "(" + String.join(", ", keys) + ")",
                i -> "(" + String.join(", ", Definitions.indexKeys(i.definition())) + ")",
                (expected, found) -> sameKeys(List.of(keys), Definitions.indexKeys(actual.definition())));
    }

    /** Back to the table this index was reached from. */
    public TableAssert returnToTable() {
        return parent(TableAssert.class);
    }

    private static boolean sameKeys(List<String> written, List<String> keys) {
        if (written.size() != keys.size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (!Definitions.sameKey(written.get(i), keys.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unique(Index index) {
        return index.definition().startsWith("CREATE UNIQUE INDEX");
    }
}
