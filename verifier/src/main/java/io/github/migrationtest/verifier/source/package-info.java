/**
 * Migration histories and how to apply them one revision at a time.
 *
 * <p>{@link io.github.migrationtest.verifier.source.MigrationSources#open(java.nio.file.Path,
 * io.github.migrationtest.verifier.source.SourceOptions) MigrationSources.open} reads a location (plain
 * SQL files, a Flyway location, a Liquibase changelog) into a
 * {@link io.github.migrationtest.verifier.source.MigrationSource}: its ordered
 * {@link io.github.migrationtest.verifier.source.Revision}s, the
 * {@link io.github.migrationtest.verifier.source.HistoryFinding}s about malformed input, and
 * {@code upgrade}/{@code downgrade} of one revision on a connection. A failing step throws
 * {@link io.github.migrationtest.verifier.source.MigrationFailedException} carrying a
 * {@link io.github.migrationtest.verifier.source.MigrationFailure} ({@code file:line:column} and
 * Postgres' message, detail and hint).
 *
 * <p>Sub-packages: {@code script} (statement splitting and running), {@code sql} (file conventions),
 * {@code flyway} and {@code liquibase} (loaded only when those optional tools are on the class
 * path), {@code jdbc} (connection helpers).
 */
package io.github.migrationtest.verifier.source;
