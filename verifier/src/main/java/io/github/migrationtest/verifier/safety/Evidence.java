package io.github.migrationtest.verifier.safety;

/** How a finding was established, so a reader knows what to trust it for. */
public enum Evidence {
    /** Read from the server while the statement's transaction was open: pg_locks, scan counters, relfilenode. */
    MEASURED,
    /** From what the catalog shows changed around the statement (it ran in auto-commit, so its locks and scans were gone). */
    CATALOG,
    /** From the schema before and after the whole step: the round trip's snapshots. */
    SCHEMA_DIFF,
    /** From the statement's text (a CONCURRENTLY statement among others). */
    STATEMENT,
    /** From SchemaCrawler's lint of the head schema, once the whole history is applied (no statement of its own). */
    LINT
}
