package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;
import java.util.List;

/**
 * The columns a table has on both sides are in another order. Postgres cannot add a column in
 * place, so a downgrade that re-adds a dropped column puts it last: by default this is reported
 * but does not fail ({@link DiffOptions.ColumnOrder}).
 */
public record ColumnOrderChanged(String path, List<String> expectedOrder, List<String> actualOrder,
        boolean reportOnly) implements Difference {

    public ColumnOrderChanged {
        expectedOrder = List.copyOf(expectedOrder);
        actualOrder = List.copyOf(actualOrder);
    }

    @Override
    public DifferenceKind kind() {
        return DifferenceKind.COLUMN_ORDER;
    }

    @Override
    public ObjectKind objectKind() {
        return ObjectKind.TABLE;
    }

    @Override
    public String expected() {
        return String.join(", ", expectedOrder);
    }

    @Override
    public String actual() {
        return String.join(", ", actualOrder);
    }

    @Override
    public String group() {
        return path;
    }

    @Override
    public String describe() {
        return path + ": column order (" + expected() + ") -> (" + actual() + ")" + (reportOnly ? " [report only]" : "");
    }
}
