package io.github.migrationtest.verifier.safety;

/**
 * The named claims safety measurement makes about a statement or a step, each with why it matters
 * and the safe way. Reported, not failed, unless named in {@code --fail-on}.
 */
public enum Finding {
    /** A lock that blocks reads or writes taken on an existing table while {@code lock_timeout} was 0. */
    LOCK_WITHOUT_TIMEOUT("takes a lock that blocks reads or writes without lock_timeout",
            "the lock waits behind any long transaction, and every query on the table queues behind the wait",
            "SET lock_timeout (e.g. '5s') before the statement and retry the migration when it times out"),
    /** A lock that blocks reads or writes, taken earlier in the transaction, held while later statements run. */
    LOCK_HELD_ACROSS_STATEMENTS("holds a lock that blocks reads or writes while later statements run",
            "the table stays blocked for the rest of the transaction, not just for the statement that needed the lock",
            "take the lock last, or split the migration so that the lock's transaction holds one short statement"),
    /** An existing table or index got a new relfilenode: Postgres copied it whole under ACCESS EXCLUSIVE. */
    TABLE_REWRITE("rewrites an existing table or index",
            "the table is copied whole while reads and writes wait: minutes on a large table",
            "expand and contract: add a new column (constant default), backfill in batches, switch, drop the old one;"
                    + " for a type change, pick a binary-coercible type (varchar(n) to a larger n or text)"),
    /** A full scan of an existing table under a lock that blocks writes (constraint added valid, SET NOT NULL, ATTACH PARTITION). */
    FULL_TABLE_SCAN_UNDER_LOCK("scans a whole existing table under a lock that blocks writes",
            "writes wait while every row is checked",
            "add the constraint NOT VALID, then VALIDATE CONSTRAINT (which lets writes through); for SET NOT NULL first"
                    + " validate a CHECK (col IS NOT NULL); for ATTACH PARTITION first validate a CHECK matching the bound"),
    /** An index built on an existing table without CONCURRENTLY (also by ADD PRIMARY KEY / UNIQUE). */
    INDEX_WITHOUT_CONCURRENTLY("builds an index on an existing table without CONCURRENTLY",
            "writes to the table wait for the whole build",
            "CREATE INDEX CONCURRENTLY in a migration of its own; for a constraint, build the unique index"
                    + " concurrently, then ADD CONSTRAINT ... USING INDEX"),
    /** A CONCURRENTLY statement shares a step with other statements, so the step cannot be one transaction. */
    CONCURRENTLY_IN_TRANSACTION("runs CONCURRENTLY in a migration with other statements",
            "tools that run a migration in a transaction fail on it; run statement by statement, a failure halfway"
                    + " leaves the migration half applied and an INVALID index behind",
            "put the CONCURRENTLY statement in a migration of its own, marked to run outside a transaction"),
    /** A table that existed is gone after the step. */
    DROPS_TABLE("drops a table", "its rows are lost; code still running against it fails",
            "expand and contract: stop using the table first, drop it in a later release, keep a backup"),
    /** A column that existed is gone after the step. */
    DROPS_COLUMN("drops a column", "its values are lost; code still reading it fails",
            "expand and contract: stop reading and writing the column first, drop it in a later release"),
    /** A type or an enum label that existed is gone after the step. */
    DROPS_TYPE_OR_LABEL("drops a type or an enum label", "columns of the type, or rows holding the label, lose them",
            "keep the label (or type) until no row or code uses it; migrate the rows first"),
    /** A column's type changed to one that cannot hold every value of the old one. */
    NARROWS_COLUMN_TYPE("changes a column to a type that can truncate or reject its values",
            "values that do not fit fail the migration in production, or are cut (numeric scale, timestamp to date)",
            "widen instead, or add a new column, backfill with an explicit conversion, then switch"),
    /** A {@code -- migrationtest:allow} comment names no known finding or gives no reason. */
    INVALID_ALLOW_COMMENT("has an allow comment that names no finding or gives no reason",
            "the finding it meant to accept is still reported",
            "write -- migrationtest:allow <FINDING> <reason>, with a finding's name from docs/safety.md"),
    /** Schema lint at head: a foreign key whose columns no index of its table starts with. */
    LINT_FK_WITHOUT_INDEX("has a foreign key that no index starts with",
            "deleting or updating a referenced row scans the whole referencing table, and joins on the key scan it too",
            "CREATE INDEX CONCURRENTLY on the foreign key's columns, in their order, in a migration of its own"),
    /** Schema lint at head: a table without a primary key. */
    LINT_TABLE_WITHOUT_PRIMARY_KEY("has a table without a primary key",
            "its rows cannot be told apart: logical replication cannot replicate its updates and deletes, and"
                    + " tools that need a key (ORMs, pg_repack) refuse it",
            "build a unique index concurrently on a NOT NULL key, then ALTER TABLE ... ADD PRIMARY KEY USING INDEX"),
    /** Schema lint at head: an index whose columns lead another index of the same table. */
    LINT_REDUNDANT_INDEX("has an index that another index of the same table covers",
            "every write maintains it for nothing, and it takes disk and cache",
            "DROP INDEX CONCURRENTLY the covered index, in a migration of its own");

    private final String claim;
    private final String why;
    private final String safeWay;

    Finding(String claim, String why, String safeWay) {
        this.claim = claim;
        this.why = why;
        this.safeWay = safeWay;
    }

    /** What the statement does, in words: "rewrites an existing table or index". */
    public String claim() {
        return claim;
    }

    /** Why it matters in production. */
    public String why() {
        return why;
    }

    /** The safe way to do the same. */
    public String safeWay() {
        return safeWay;
    }
}
