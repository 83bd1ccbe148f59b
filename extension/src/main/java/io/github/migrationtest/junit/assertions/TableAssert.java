package io.github.migrationtest.junit.assertions;

import static io.github.migrationtest.junit.assertions.error.ShouldBe.shouldBe;

import io.github.migrationtest.verifier.snapshot.Column;
import io.github.migrationtest.verifier.snapshot.Constraint;
import io.github.migrationtest.verifier.snapshot.Index;
import io.github.migrationtest.verifier.snapshot.Table;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.annotation.CheckReturnValue;

/** Assertions on a table, and the way to its columns, indexes and constraints. */
public class TableAssert extends NavigableAssert<TableAssert, Table> {

    public TableAssert(Table actual) {
        super(actual, TableAssert.class);
    }

    /** The column exists. */
    public TableAssert hasColumn(String name) {
        return exists(() -> Finder.column(snapshot(), actual, name));
    }

    /** The table has exactly these columns, in this order. */
    public TableAssert hasColumns(String... names) {
        String expected = Arrays.stream(names).map(n -> Names.parse(n).get(0)).collect(Collectors.joining(", "));
        return expectValue("columns", expected,
                t -> snapshot().columns(t).stream().map(Column::name).collect(Collectors.joining(", ")), String::equals);
    }

    /** A primary key on exactly these columns, in this order. */
    public TableAssert hasPrimaryKey(String... columns) {
        String expected = "(" + Arrays.stream(columns).map(n -> Names.parse(n).get(0)).collect(Collectors.joining(", ")) + ")";
        expect(t -> primaryKey(t).isPresent(), "a primary key on " + expected, t -> "the table has none");
        return expectValue("primary key on", expected, t -> primaryKey(t).map(d -> "("
                + String.join(", ", Definitions.identifiers(d.substring(d.indexOf('(') + 1, d.indexOf(')')))) + ")")
                .orElse(null), String::equals);
    }

    private Optional<String> primaryKey(Table table) {
        return Finder.children(snapshot(), table.path(), Constraint.class).stream().map(Constraint::definition)
                .filter(d -> d.startsWith("PRIMARY KEY")).findFirst();
    }

    /** The index exists on this table. */
    public TableAssert hasIndex(String name) {
        return exists(() -> Finder.index(snapshot(), actual, name));
    }

    /** The column's assert; fails, listing the table's columns, when it does not exist. */
    @CheckReturnValue
    public ColumnAssert column(String name) {
        return navigate(ColumnAssert.class, Column.class, ColumnAssert::new, () -> Finder.column(snapshot(), actual, name));
    }

    @CheckReturnValue
    public IndexAssert index(String name) {
        return navigate(IndexAssert.class, Index.class, IndexAssert::new, () -> Finder.index(snapshot(), actual, name));
    }

    /** Any constraint of the table: primary key, unique, foreign key, check, exclusion. */
    @CheckReturnValue
    public ConstraintAssert constraint(String name) {
        return navigate(ConstraintAssert.class, Constraint.class, ConstraintAssert::new,
                () -> Finder.constraint(snapshot(), actual, name));
    }

    /** A foreign key; fails when the constraint is missing or is not a foreign key. */
    @CheckReturnValue
    public ConstraintAssert foreignKey(String name) {
        return navigate(ConstraintAssert.class, Constraint.class, ConstraintAssert::new, () -> {
            Found<Constraint> found = Finder.constraint(snapshot(), actual, name);
            if (found.object() != null && Definitions.foreignKey(found.object().definition()).isEmpty()) {
                return Found.none(found.path(), shouldBe("a foreign key", "it is " + found.object().definition()));
            }
            return found;
        });
    }

    /** Back to the schema this table was reached from. */
    public SchemaAssert returnToSchema() {
        return parent(SchemaAssert.class);
    }
}
