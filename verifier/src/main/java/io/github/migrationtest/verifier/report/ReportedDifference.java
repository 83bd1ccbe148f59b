package io.github.migrationtest.verifier.report;

/**
 * One schema difference as the report shows it.
 *
 * @param path the object, e.g. {@code public.users.email}
 * @param kind {@code missing}, {@code unexpected}, {@code changed} or {@code column order}
 * @param expected the expected value; {@code null} when the object should not exist
 * @param actual the actual value; {@code null} when the object does not exist
 * @param reportOnly shown, but does not fail the check (column order unless strict)
 * @param description one line for people
 */
public record ReportedDifference(String path, String kind, String expected, String actual, boolean reportOnly,
                                 String description) {
}
