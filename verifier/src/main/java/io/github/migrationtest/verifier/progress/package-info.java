/**
 * The live line's view of the server: which statements a run's databases have been running for a
 * while, and when a log hears of them again. Read from {@code pg_stat_activity}, so it works alike
 * for every migration tool.
 */
package io.github.migrationtest.verifier.progress;
