package io.github.migrationtest.verifier.diff;

/** The kinds of {@link Difference}, one per case, for reports that list them by name. */
public enum DifferenceKind {
    /** {@link MissingObject}: expected, not there. */
    MISSING,
    /** {@link UnexpectedObject}: there, not expected. */
    UNEXPECTED,
    /** {@link ChangedProperty}: there, with a property that differs. */
    CHANGED,
    /** {@link ColumnOrderChanged}: a table's columns in another order. */
    COLUMN_ORDER,
    /** {@link RenamedObject}: a constraint or index with the same definition under another name. */
    RENAMED
}
