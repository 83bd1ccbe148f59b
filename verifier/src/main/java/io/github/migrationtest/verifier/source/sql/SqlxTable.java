package io.github.migrationtest.verifier.source.sql;

import io.github.migrationtest.verifier.source.script.Bookkeeping;
import java.util.List;

/**
 * sqlx's table of applied versions, as sqlx-postgres makes and fills it ({@code ensure_migrations_table},
 * {@code execute_migration}, {@code revert_migration}). sqlx writes a checksum of each file into its rows; the walk
 * writes an empty one, which no migration is known to read.
 */
final class SqlxTable {

    static final String NAME = "_sqlx_migrations";

    /** The columns sqlx gives the table. */
    static final String COLUMNS = "(version bigint PRIMARY KEY, description text NOT NULL,"
            + " installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL, checksum bytea NOT NULL,"
            + " execution_time bigint NOT NULL)";

    /** The table alone: for a history only sqlx runs, which keeps no golang-migrate {@code schema_migrations}. */
    static final Bookkeeping BOOKKEEPING = new Bookkeeping(NAME, List.of("CREATE TABLE " + NAME + " " + COLUMNS),
            "INSERT INTO " + NAME + " (version, description, success, checksum, execution_time)"
                    + " VALUES (%s, '', true, '\\x', -1)",
            "DELETE FROM " + NAME + " WHERE version = %s");

    private SqlxTable() {}
}
