package io.github.migrationtest.verifier.diff;

import io.github.migrationtest.verifier.snapshot.ObjectKind;

/**
 * One way the actual schema differs from the expected one. Each case is a kind of difference;
 * {@link #path()} names the object as people do ({@code public.users.email}, {@code type public.mood}).
 */
public sealed interface Difference permits MissingObject, UnexpectedObject, ChangedProperty, ColumnOrderChanged,
        RenamedObject {

    /** The object's path, e.g. {@code public.users.email}, {@code public.users_email_idx}. */
    String path();

    /** Which case this is: missing, unexpected, changed, column order or renamed. */
    DifferenceKind kind();

    /** What kind of object differs. */
    ObjectKind objectKind();

    /** The expected value, or {@code null} when the object should not exist. */
    String expected();

    /** The actual value, or {@code null} when the object does not exist. */
    String actual();

    /** Whether this difference is shown but does not fail a comparison (column order by default, renames when chosen). */
    default boolean reportOnly() {
        return false;
    }

    /** The path of the object this difference is listed under: a column's table, or the object itself. */
    String group();

    /** One line for people: {@code public.users.email: type character varying(255) -> text}. */
    String describe();
}
