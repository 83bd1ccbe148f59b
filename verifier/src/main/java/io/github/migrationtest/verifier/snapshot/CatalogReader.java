package io.github.migrationtest.verifier.snapshot;

import java.sql.SQLException;
import java.util.List;

/** Reads one family of objects for all included schemas: adds its queries to the read's one batch. */
interface CatalogReader {
    void read(ReadScope scope, List<SchemaObject> out);
}
