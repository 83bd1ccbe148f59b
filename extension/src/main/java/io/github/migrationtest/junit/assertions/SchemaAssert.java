package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldExist.shouldNotExist;
import static io.github.migrationtest.junit.assertions.error.ShouldMatchSchema.shouldMatchSchema;

import io.github.migrationtest.verifier.diff.DiffOptions;
import io.github.migrationtest.verifier.diff.DiffResult;
import io.github.migrationtest.verifier.diff.SchemaDiff;
import io.github.migrationtest.verifier.snapshot.EnumType;
import io.github.migrationtest.verifier.snapshot.Routine;
import io.github.migrationtest.verifier.snapshot.SchemaSnapshot;
import io.github.migrationtest.verifier.snapshot.Sequence;
import io.github.migrationtest.verifier.snapshot.SnapshotText;
import io.github.migrationtest.verifier.snapshot.Table;
import io.github.migrationtest.verifier.snapshot.View;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.description.TextDescription;

/**
 * Assertions on a whole schema, and the way in to its tables, types, views, sequences and functions.
 * Names are read as Postgres reads them in SQL: {@code users} and {@code Users} are the same table,
 * {@code "Users"} is another; {@code audit.log} names the schema, and an unqualified name is looked
 * for in every schema, {@code public} first.
 */
public class SchemaAssert extends NavigableAssert<SchemaAssert, SchemaSnapshot> {

    private DiffOptions diffOptions = DiffOptions.defaults();

    public SchemaAssert(SchemaSnapshot actual) {
        super(actual, SchemaAssert.class);
    }

    /** The table exists. */
    public SchemaAssert hasTable(String name) {
        isNotNull();
        return exists(() -> Finder.table(actual, name));
    }

    /** No table of that name exists. */
    public SchemaAssert doesNotHaveTable(String name) {
        isNotNull();
        Found<Table> found = Finder.table(actual, name);
        if (found.object() != null) {
            throw new AssertionError(shouldNotExist("table").create(new TextDescription(found.path()), info.representation()));
        }
        return myself;
    }

    /** The table's assert; fails, listing the tables there are, when it does not exist. */
    @CheckReturnValue
    public TableAssert table(String name) {
        return navigate(TableAssert.class, Table.class, TableAssert::new, () -> Finder.table(actual, name));
    }

    @CheckReturnValue
    public EnumTypeAssert enumType(String name) {
        return navigate(EnumTypeAssert.class, EnumType.class, EnumTypeAssert::new, () -> Finder.enumType(actual, name));
    }

    /** A view or materialized view. */
    @CheckReturnValue
    public ViewAssert view(String name) {
        return navigate(ViewAssert.class, View.class, ViewAssert::new, () -> Finder.view(actual, name));
    }

    @CheckReturnValue
    public SequenceAssert sequence(String name) {
        return navigate(SequenceAssert.class, Sequence.class, SequenceAssert::new, () -> Finder.sequence(actual, name));
    }

    /** A function or procedure: {@code order_count}, or {@code order_count(bigint)} when overloaded. */
    @CheckReturnValue
    public FunctionAssert function(String name) {
        return navigate(FunctionAssert.class, Routine.class, FunctionAssert::new, () -> Finder.function(actual, name));
    }

    /** Leaves out of {@link #isEqualTo} the objects or properties these globs match, as the verifier's ignore rules do. */
    public SchemaAssert ignoring(String... patterns) {
        diffOptions = diffOptions.withIgnored(patterns);
        return myself;
    }

    /**
     * For a {@link SchemaSnapshot}: the schemas match as the verifier compares them (column order
     * is reported, not failed), and a failure lists the differences; IDEs can show the two
     * snapshots' text side by side.
     */
    @Override
    public SchemaAssert isEqualTo(Object expected) {
        if (!(expected instanceof SchemaSnapshot other) || actual == null) {
            return super.isEqualTo(expected);
        }
        DiffResult diff = SchemaDiff.compare(other, actual, diffOptions);
        if (!diff.matches()) {
            throw failure(shouldMatchSchema(diff.render()), SnapshotText.render(actual), SnapshotText.render(other));
        }
        return myself;
    }
}
