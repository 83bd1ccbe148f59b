package io.github.migrationtest.verifier.snapshot;

/** Reads one family of objects for all included schemas: adds its queries to the read's one batch. */
interface CatalogReader {
    void read(ReadScope scope);
}
