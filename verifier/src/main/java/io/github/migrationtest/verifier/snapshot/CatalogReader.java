package io.github.migrationtest.verifier.snapshot;

import java.sql.SQLException;
import java.util.List;

/** Reads one family of objects for all included schemas in one query. */
interface CatalogReader {
    void read(ReadScope scope, List<SchemaObject> out) throws SQLException;
}
