package io.github.migrationtest.verifier.safety;

/**
 * A relation that existed when a step started.
 *
 * @param oid its oid
 * @param name schema-qualified, as people write it
 * @param table for an index, the oid of its table; for a table or materialized view, its own
 * @param isIndex whether it is an index
 */
record Relation(long oid, String name, long table, boolean isIndex) {
}
