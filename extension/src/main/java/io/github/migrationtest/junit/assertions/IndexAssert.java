package io.github.migrationtest.junit.assertions;

import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Index;
import java.util.List;
import java.util.stream.Stream;

/** Assertions on an index: uniqueness and the columns or expressions it covers. */
public class IndexAssert extends NavigableAssert<IndexAssert, Index> {

    public IndexAssert(Index actual) {
        super(actual, IndexAssert.class);
    }

    public IndexAssert isUnique() {
        return expect(this::unique, "a unique index", this::whatItIs);
    }

    public IndexAssert isNotUnique() {
        return expect(i -> !unique(i), "an index that is not unique", this::whatItIs);
    }

    /**
     * The index keys are exactly these, in this order: column names ({@code email}) or
     * expressions as Postgres writes them ({@code lower(email)}); sort order and operator classes
     * after a column name are not compared.
     */
    public IndexAssert covers(String... keys) {
        return expectValue("keys", "(" + String.join(", ", keys) + ")",
                i -> "(" + String.join(", ", Definitions.indexKeys(definition(i))) + ")",
                (expected, found) -> sameKeys(List.of(keys), Definitions.indexKeys(definition(actual))));
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

    private boolean unique(Index index) {
        String definition = definition(index);
        return Stream.of("CREATE UNIQUE INDEX", "PRIMARY KEY", "UNIQUE").anyMatch(definition::startsWith);
    }

    private String whatItIs(Index index) {
        return index.definition() != null ? "it is " + index.definition()
                : "it is the index of constraint " + index.constraint() + ": " + definition(index);
    }

    /**
     * The index's definition; for the index behind a primary key, unique or exclusion constraint
     * (which snapshots describe by the constraint alone), the constraint's definition.
     */
    private String definition(Index index) {
        if (index.definition() != null) {
            return index.definition();
        }
        return Finder.children(snapshot(), index.parentPath(), Constraint.class).stream()
                .filter(c -> c.name().equals(index.constraint()))
                .map(Constraint::definition).findFirst().orElse("");
    }
}
