package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener.ExecutedStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one step, statement by statement: reads the state of the relations that existed when the
 * step started, on the migration's connection, after each statement, and turns what changed into
 * findings attributed to the statement's file and line. In a transaction only the relations it holds a
 * lock on are read, each first when it shows up ({@link StepStart}), nothing after a statement that cannot reach
 * one ({@link QuietStatements}), and a drop that takes no new lock is told before it runs ({@link HeldDrops}); in
 * auto-commit all of them.
 */
final class StepObserver {
    private static final Logger LOG = LoggerFactory.getLogger(StepObserver.class);

    private static final Pattern CONCURRENTLY = Pattern.compile(
            "^(CREATE (UNIQUE )?INDEX|DROP INDEX|REINDEX|ALTER TABLE\\b.*\\bDETACH PARTITION)\\b.*\\bCONCURRENTLY\\b.*");
    private static final Pattern SESSION_ONLY = Pattern.compile("^(SET|RESET|SHOW)\\b.*");
    /**
     * Ends the transaction and its locks: not a statement run while they were held. A file's own {@code COMMIT}
     * and the walk's commit after a file without one then give the same findings.
     */
    private static final Pattern TRANSACTION_END = Pattern.compile("^(COMMIT|END|ROLLBACK|ABORT|PREPARE TRANSACTION)\\b.*");
    /**
     * Must be a transaction's first query ({@code SET TRANSACTION ISOLATION LEVEL ...}): no read may come before it,
     * nor between a {@link #TRANSACTION_START} and it. Neither changes a relation, so nothing is lost by not reading.
     */
    private static final Pattern TRANSACTION_CHARACTERISTICS = Pattern.compile("^SET TRANSACTION\\b.*");
    private static final Pattern TRANSACTION_START = Pattern.compile("^(BEGIN|START TRANSACTION)\\b.*");
    /**
     * Undoes work and releases the locks it took; a rollback to a savepoint leaves the transaction open. An index
     * count read before it can then be one the table no longer has, and no index dropped tells the next reads
     * (see {@link CatalogReads#readLocked}): from here on they count every locked table's.
     */
    private static final Pattern ROLLBACK = Pattern.compile("^(ROLLBACK|ABORT)\\b.*");
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE\\b.*");
    /** Statements that can rename a relation or move it to another schema (a DO block or a procedure too). */
    private static final Pattern RELATION_RENAMING = Pattern.compile(
            "^(ALTER (TABLE|INDEX|MATERIALIZED VIEW)\\b.*\\b(RENAME|SET SCHEMA)\\b.*|(DO|CALL)\\b.*)");

    private final Direction direction;
    private final Connection connection;
    private final boolean scansFlushed;
    /**
     * What the start of an earlier step read, when this step starts in the very state that one did (see {@link
     * SafetyRecorder#begin}); else null, and the step reads its own.
     */
    private final StepStart known;
    /** What this step's start read or reused, before any statement (null until then, and for a step listed whole). */
    private StepStart startRead;
    private List<Relation> relations = new ArrayList<>();
    private boolean recorder;
    private final Map<Long, Relation> byOid = new HashMap<>();
    private final Allowances allowances = new Allowances();
    private final List<Noted> findings = new ArrayList<>();
    /**
     * The statements in the order they ran: findings are sorted by it. By value, not identity: a source may
     * report a statement before and after it with two equal records.
     */
    private final Map<ExecutedStatement, Integer> order = new HashMap<>();
    /** Blocking locks taken in the open transaction, by table: who took them and what ran while they were held. */
    private final Map<Long, HeldLock> held = new LinkedHashMap<>();
    /**
     * Relations of the step's start first found locked and gone, by oid, where: named from the recorder's log
     * once the step is over (one read for the step, not one per dropping statement).
     */
    private final Map<Long, ExecutedStatement> goneUnnamed = new LinkedHashMap<>();
    /** Where each relation of the step's start disappeared, by name. */
    private final Map<String, ExecutedStatement> vanished = new HashMap<>();
    /**
     * Relations a plain {@code DROP TABLE} took away before any other statement of the step touched them (none
     * locked them): nothing of the step can have read their rows first, as a copy into a table that replaces them
     * would (see {@link StepRecord#droppedOutright()}).
     */
    private final Set<String> droppedOutright = new HashSet<>();
    private final Set<String> reportedIndexes = new HashSet<>();
    /** The indexes created in the step that a read has already attributed to a statement, by oid. */
    private final Set<Long> attributedIndexes = new HashSet<>();
    /**
     * A relfilenode assigned before the statement being measured is at most this: an index created since with one
     * above it was built, one at or below it took over an old index's storage.
     */
    private long fileNodesBefore;
    /** The indexes the step created on tables it locked, named by its reads as they appeared. */
    private final CatalogReads.NewIndexes newIndexes = new CatalogReads.NewIndexes();
    private final Renames renames = new Renames();
    /** Statements that change something, by file; and the CONCURRENTLY ones. */
    private final Map<String, Integer> statementsByFile = new HashMap<>();
    private final List<ExecutedStatement> concurrently = new ArrayList<>();
    private CatalogReads.Reading previous;
    private boolean previousInTransaction;
    /** While relations are read when they first show up locked: what the step's start told; else null. */
    private StepStart start;
    /** With {@link #start}: the statements after which no read is needed. */
    private QuietStatements quiet;
    /** From how many statements into the step a drop is told before it runs ({@link HeldDrops}). */
    private final int heldDropsFrom;
    /** The drop about to run, told before it ({@link HeldDrops}): no read follows it; else null. */
    private HeldDrops.Drop heldDrop;
    private ExecutedStatement heldDropStatement;
    /** The highest oid of a relation when the step started: the step created those above. */
    private long highest;
    private boolean noRelations;
    /** Before a statement that can rename a relation, the relations' names: a relation is named as the step found it. */
    private Map<Long, String> namesBefore = Map.of();
    private boolean broken;
    /** Whether the recorder's log could not name what the step dropped. */
    private boolean dropsUnnamed;
    /** Whether a read counts the indexes of every locked table (see {@link #ROLLBACK}). */
    private boolean countEveryIndex;
    private long measuringNanos;
    /** The reads after statements (for tests: {@link QuietStatements} and {@link HeldDrops} each save one a statement). */
    private int reads;

    /** A finding, and the place of its statement among the step's. */
    private record Noted(int statement, SafetyFinding finding) {
        /**
         * By statement; within a statement by finding, object and detail, not in the order the catalog
         * returned the relations (pg_locks' order varies between runs).
         */
        static final Comparator<Noted> ORDER = Comparator.comparingInt(Noted::statement)
                .thenComparing(n -> n.finding().finding())
                .thenComparing(n -> n.finding().object())
                .thenComparing(n -> n.finding().detail())
                .thenComparing(n -> n.finding().evidence());
    }

    private static final class HeldLock {
        final ExecutedStatement takenBy;
        final LockMode mode;
        final String table;
        int later;
        ExecutedStatement last;

        HeldLock(ExecutedStatement takenBy, LockMode mode, String table) {
            this.takenBy = takenBy;
            this.mode = mode;
            this.table = table;
        }
    }

    /**
     * @param scansFlushed whether no scan of a user's table is pending in the session (see {@link StepStart#read})
     * @param heldDropsFrom from how many statements into the step a drop is told before it runs (tests compare without)
     * @param known what an earlier step's start read, where this step starts in the same state; null for none
     */
    StepObserver(Direction direction, Connection connection, boolean scansFlushed, int heldDropsFrom, StepStart known) {
        this.direction = direction;
        this.connection = connection;
        this.scansFlushed = scansFlushed;
        this.heldDropsFrom = heldDropsFrom;
        this.known = known;
    }

    /**
     * What the step's start read, where another step may start from the same state and use it: read with no scan
     * pending (its counts are none, as they will be then); null otherwise.
     */
    StepStart startRead() {
        return scansFlushed ? startRead : null;
    }

    void scriptStarting(String file, String text) {
        long started = System.nanoTime();
        allowances.read(file, text, direction);
        measuringNanos += System.nanoTime() - started;
    }

    private void listed(CatalogReads.Listing listing, boolean inTransaction) {
        listing.relations().forEach(this::seen);
        recorder = listing.recorder();
        previous = listing.reading();
        previousInTransaction = inTransaction;
        highest = listing.relations().stream().mapToLong(Relation::oid).max().orElse(0);
        fileNodesBefore = listing.reading().states().values().stream().mapToLong(RelationState::fileNode).max().orElse(0);
        noRelations = relations.isEmpty();
    }

    /** A relation read for the first time after a statement, named as it was before it. */
    private void firstSeen(Relation relation) {
        String name = namesBefore.get(relation.oid());
        seen(name == null ? relation : new Relation(relation.oid(), name, relation.table(), relation.isIndex()));
    }

    private void seen(Relation relation) {
        relations.add(relation);
        byOid.put(relation.oid(), relation);
    }

    void before(ExecutedStatement statement) {
        long started = System.nanoTime();
        try {
            start(statement);
        } finally {
            measuringNanos += System.nanoTime() - started;
        }
    }

    void after(ExecutedStatement statement) {
        long started = System.nanoTime();
        try {
            measure(statement);
        } finally {
            namesBefore = Map.of();
            measuringNanos += System.nanoTime() - started;
        }
    }

    private void start(ExecutedStatement statement) {
        heldDrop = null;
        order.putIfAbsent(statement, order.size());
        if (!SESSION_ONLY.matcher(statement.code()).matches()) {
            statementsByFile.merge(statement.file(), 1, Integer::sum);
        }
        if (CONCURRENTLY.matcher(statement.code()).matches()) {
            concurrently.add(statement);
        }
        if (ROLLBACK.matcher(statement.code()).matches()) {
            countEveryIndex = true;
        }
        if (!broken && Renames.canRename(statement.code())) {
            try {
                renames.before(connection);
            } catch (SQLException e) {
                stop(e);
            }
        }
        if (broken) {
            return;
        }
        try {
            if (previous == null && TRANSACTION_CHARACTERISTICS.matcher(statement.code()).matches()) {
                return; // the step's start is read after it
            }
            if (previous == null) {
                begin(statement);
            } else if (start != null && !inTransaction()) {
                // The step's transaction ended (a source that commits as it goes): what a transaction no longer
                // locks tells nothing, so from here on every relation is read, as in auto-commit.
                listAll();
            }
            if (start != null && RELATION_RENAMING.matcher(statement.code()).matches()) {
                Map<Long, String> names = new HashMap<>();
                CatalogReads.list(connection, false).relations().forEach(r -> names.put(r.oid(), r.name()));
                namesBefore = names;
            }
            HeldDrops.Dropping dropping = start != null && order.size() > heldDropsFrom && previousInTransaction
                    && !quiet.eventTriggersPossible() ? HeldDrops.dropping(statement.code()) : null;
            if (dropping != null && inTransaction()) {
                heldDropStatement = statement;
                try {
                    heldDrop = HeldDrops.before(connection, dropping, highest, previous).orElse(null);
                } catch (SQLException e) {
                    LOG.debug("No look before the drop (it is read after): {}", e.getMessage());
                }
            }
        } catch (SQLException e) {
            stop(e);
        }
    }

    /**
     * The step's first read, before its first statement, inside the step's transaction (which it opens): the
     * scan counters it sees are the baseline. In a transactional step it reads bounds only, when the
     * recorder's log can name what the step drops; otherwise, and in auto-commit, it lists the relations, in
     * auto-commit with the details the catalog evidence compares.
     */
    private void begin(ExecutedStatement statement) throws SQLException {
        if (statement.transactional()) {
            StepStart bounds = known != null ? known : StepStart.read(connection, scansFlushed);
            if (bounds.recorder()) {
                startRead = bounds;
                start = bounds;
                quiet = new QuietStatements(bounds.userEventTriggers());
                recorder = true;
                previous = bounds.reading();
                previousInTransaction = true;
                highest = bounds.highestOid();
                fileNodesBefore = bounds.highestFileNode();
                noRelations = !bounds.anyRelation();
                return;
            }
        }
        listed(CatalogReads.list(connection, !statement.transactional()), inTransaction());
    }

    /** Lists the relations the step had at its start that were not read yet, leaving their state as it was. */
    private void listAll() throws SQLException {
        CatalogReads.Listing now = CatalogReads.list(connection, false);
        for (Relation relation : now.relations()) {
            if (relation.oid() <= highest && !byOid.containsKey(relation.oid())) {
                seen(relation);
                previous.states().put(relation.oid(), now.reading().states().get(relation.oid()));
            }
        }
        start = null;
    }

    private void measure(ExecutedStatement statement) {
        boolean quietStatement = quiet != null && quiet.quiet(statement.code());
        if (!broken && Renames.canRename(statement.code())) {
            try {
                renames.after(connection);
            } catch (SQLException e) {
                stop(e);
            }
        }
        if (previous == null || broken || noRelations) {
            return;
        }
        boolean inTransaction = inTransaction();
        if (inTransaction && !previousInTransaction && TRANSACTION_START.matcher(statement.code()).matches()) {
            // A transaction this statement opened holds no lock and has changed nothing; a read now would be its first
            // query.
            previousInTransaction = true;
            return;
        }
        if (start != null && !inTransaction) {
            try {
                listAll();
            } catch (SQLException e) {
                stop(e);
                return;
            }
        }
        if (quietStatement && start != null && inTransaction && previousInTransaction) {
            ranWhileHeld(statement); // nothing to read: the next read's changes are the next statement's
            return;
        }
        if (heldDrop != null && statement.equals(heldDropStatement) && start != null && inTransaction
                && previousInTransaction) {
            tookAway(statement, heldDrop.gone());
            return;
        }
        CatalogReads.Reading now = read(inTransaction, statement);
        if (now == null) {
            return;
        }
        compare(statement, previous, now, previousInTransaction && inTransaction);
        if (!inTransaction) {
            closeHeldLocks();
        }
        previous = now;
        previousInTransaction = inTransaction;
    }

    /**
     * What a drop told before it ran took away, as the read after it would have found it: a relation read before gone
     * there, one not read yet named from the recorder's log once the step is over.
     */
    private void tookAway(ExecutedStatement statement, List<Long> gone) {
        for (long oid : gone) {
            Relation relation = byOid.get(oid);
            if (relation == null) {
                goneUnnamed.putIfAbsent(oid, statement);
            } else if (previous.states().getOrDefault(oid, RelationState.GONE).exists()) {
                vanished.putIfAbsent(relation.name(), statement);
                previous.states().put(oid, RelationState.GONE);
            }
        }
        ranWhileHeld(statement);
    }

    /** The step's findings, with the file's allow comments applied. */
    StepRecord end() {
        long started = System.nanoTime();
        nameGone();
        long afterStepNanos = System.nanoTime() - started;
        closeHeldLocks();
        for (ExecutedStatement statement : concurrently) {
            if (statementsByFile.getOrDefault(statement.file(), 0) > 1) {
                // Both ways a tool can run such a file go wrong: sent as one query string (golang-migrate, dbmate) it runs
                // in an implicit transaction, which CONCURRENTLY refuses; one statement at a time (goose's NO TRANSACTION)
                // a failure halfway leaves the file half applied.
                add(Finding.CONCURRENTLY_IN_TRANSACTION, statement, "", "this statement shares its file with "
                        + (statementsByFile.get(statement.file()) - 1) + " other statement(s): a tool that sends the file as"
                        + " one query runs them in one transaction, which CONCURRENTLY refuses; sent one at a time, a failure"
                        + " halfway leaves the file half applied (and maybe an INVALID index)", Evidence.STATEMENT);
            }
        }
        List<SafetyFinding> all = new ArrayList<>(allowances.invalid());
        findings.stream().sorted(Noted.ORDER).forEach(n -> all.add(allowances.apply(n.finding())));
        List<ExecutedStatement> statements = order.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).toList();
        return new StepRecord(direction, all, allowances, vanished, !broken && !dropsUnnamed, droppedOutright, renames,
                statements, measuringNanos, afterStepNanos, reads,
                known != null && startRead == known);
    }

    /** Where the relations the step dropped went, by the names the recorder's log kept. */
    private void nameGone() {
        if (goneUnnamed.isEmpty() || broken) {
            return;
        }
        try {
            CatalogReads.dropped(connection, goneUnnamed.keySet()).forEach((oid, name) -> {
                ExecutedStatement dropping = goneUnnamed.get(oid);
                vanished.putIfAbsent(name, dropping);
                if (DROP_TABLE.matcher(dropping.code()).matches()) {
                    droppedOutright.add(name);
                }
            });
        } catch (SQLException e) {
            // A step that failed left nothing to name (its log rolled back with it); one that dropped the recorder
            // did: its schema diff places those.
            dropsUnnamed = true;
            LOG.debug("Safety measurement could not name the relations the step dropped: {}", e.getMessage());
        }
    }

    private void compare(ExecutedStatement statement, CatalogReads.Reading before, CatalogReads.Reading after,
                         boolean measured) {
        Map<Long, List<Relation>> rewrittenByTable = new LinkedHashMap<>();
        boolean truncate = statement.code().startsWith("TRUNCATE");
        for (Relation relation : relations) {
            RelationState was = before.states().getOrDefault(relation.oid(), RelationState.GONE);
            RelationState is = after.states().getOrDefault(relation.oid(), RelationState.GONE);
            if (!was.exists()) {
                continue;
            }
            if (!is.exists()) {
                vanished.putIfAbsent(relation.name(), statement);
                continue;
            }
            if (was.fileNode() != is.fileNode() && !truncate) {
                rewrittenByTable.computeIfAbsent(relation.table(), t -> new ArrayList<>()).add(relation);
            }
        }
        rewrittenByTable.forEach((table, rewritten) -> rewrite(statement, table, rewritten));
        Map<Long, List<String>> built = built(after);
        for (Relation relation : relations) {
            RelationState was = before.states().getOrDefault(relation.oid(), RelationState.GONE);
            RelationState is = after.states().getOrDefault(relation.oid(), RelationState.GONE);
            if (relation.isIndex() || !was.exists() || !is.exists()) {
                continue;
            }
            List<String> builtHere = built.getOrDefault(relation.oid(), List.of());
            // A statement that drops indexes as it builds others (ALTER TABLE ... DROP CONSTRAINT .., ADD CONSTRAINT ..)
            // leaves the count as it was; the indexes of a table it rewrote were rebuilt, a TABLE_REWRITE.
            boolean newIndex = is.indexes() > was.indexes()
                    || (!builtHere.isEmpty() && !rewrittenByTable.containsKey(relation.oid()));
            if (newIndex) {
                index(statement, relation, measured, builtHere);
            }
            if (measured) {
                locks(statement, relation, was, is, before.lockTimeout());
            }
            // TRUNCATE reads no row: it gives the table new, empty storage, and Postgres counts each index it builds
            // over that as a scan of the table.
            boolean truncated = truncate && was.fileNode() != is.fileNode();
            if (!rewrittenByTable.containsKey(relation.oid()) && !newIndex && !truncated) {
                scan(statement, relation, was, is, measured);
            }
        }
        if (!TRANSACTION_END.matcher(statement.code()).matches()) {
            ranWhileHeld(statement);
        }
    }

    /** Counts the statement as run while the blocking locks earlier statements took were held. */
    private void ranWhileHeld(ExecutedStatement statement) {
        for (HeldLock lock : held.values()) {
            if (lock.takenBy != statement) {
                lock.later++;
                lock.last = statement;
            }
        }
    }

    private void rewrite(ExecutedStatement statement, long table, List<Relation> rewritten) {
        Relation owner = byOid.get(table);
        boolean tableItself = rewritten.stream().anyMatch(r -> !r.isIndex());
        List<String> indexes = rewritten.stream().filter(Relation::isIndex).map(Relation::name).sorted().toList();
        String detail = tableItself
                ? "new relfilenode" + (indexes.isEmpty() ? "" : "; its indexes rebuilt: " + String.join(", ", indexes))
                : "index(es) rebuilt: " + String.join(", ", indexes);
        int reasons = recorder ? rewriteReasons(table) : 0;
        if (reasons != 0) {
            detail += " (table_rewrite event: " + CatalogReads.rewriteReason(reasons) + ")";
        }
        add(Finding.TABLE_REWRITE, statement, owner == null ? String.join(", ", indexes) : owner.name(), detail,
                Evidence.MEASURED);
    }

    /**
     * The indexes the statement just measured built, by table: created since the read before (not attributed to a
     * statement yet), on storage of their own. Marks every index the reading names as attributed.
     */
    private Map<Long, List<String>> built(CatalogReads.Reading after) {
        Map<Long, List<String>> built = new HashMap<>();
        long fileNodes = fileNodesBefore;
        for (Map.Entry<Long, Map<Long, CatalogReads.Index>> table : after.indexes().entrySet()) {
            for (Map.Entry<Long, CatalogReads.Index> index : table.getValue().entrySet()) {
                long oid = index.getKey();
                if (byOid.containsKey(oid) || (start != null && oid <= highest) || !attributedIndexes.add(oid)) {
                    continue; // the step's start had it, or a statement before this one made it
                }
                long fileNode = index.getValue().fileNode();
                fileNodes = Math.max(fileNodes, fileNode);
                // No storage (0): a partitioned index, built as its partitions' indexes are; new since the read
                // before, so this statement made it.
                if (fileNode > fileNodesBefore || fileNode == 0) {
                    built.computeIfAbsent(table.getKey(), t -> new ArrayList<>()).add(index.getValue().name());
                }
            }
        }
        fileNodesBefore = fileNodes;
        built.values().forEach(names -> names.sort(null));
        return built;
    }

    private void index(ExecutedStatement statement, Relation table, boolean measured, List<String> built) {
        if (statement.code().contains(" CONCURRENTLY ")) {
            return;
        }
        List<String> names = new ArrayList<>(built);
        if (names.isEmpty() && start == null) {
            // More indexes, none named by the read: those the step's listing did not have (after a step's start, which
            // lists nothing, the table's indexes would all count, so none is named then).
            try {
                names.addAll(CatalogReads.newIndexes(connection, table.oid(), relations));
            } catch (SQLException e) {
                LOG.debug("Could not name the new indexes of {}", table.name(), e);
            }
            names.removeAll(reportedIndexes);
        }
        reportedIndexes.addAll(names);
        add(Finding.INDEX_WITHOUT_CONCURRENTLY, statement, table.name(),
                (names.isEmpty() ? "a new index" : "new index " + String.join(", ", names)) + " built in place",
                measured ? Evidence.MEASURED : Evidence.CATALOG);
    }

    private void locks(ExecutedStatement statement, Relation table, RelationState was, RelationState is,
                       String lockTimeout) {
        LockMode strongestNew = is.locks().stream().filter(m -> !was.locks().contains(m)).max(Enum::compareTo)
                .orElse(null);
        if (strongestNew == null || !strongestNew.blocksWrites()) {
            return;
        }
        if (isZero(lockTimeout)) {
            add(Finding.LOCK_WITHOUT_TIMEOUT, statement, table.name(), strongestNew.describe()
                    + " taken with lock_timeout 0", Evidence.MEASURED);
        }
        HeldLock before = held.get(table.oid());
        if (before == null || strongestNew.compareTo(before.mode) > 0) {
            if (before != null) {
                report(before);
            }
            held.put(table.oid(), new HeldLock(statement, strongestNew, table.name()));
        }
    }

    private void scan(ExecutedStatement statement, Relation table, RelationState was, RelationState is,
                      boolean measured) {
        if (measured) {
            long scans = is.scans() - was.scans();
            if (scans > 0 && is.strongest().blocksWrites()) {
                add(Finding.FULL_TABLE_SCAN_UNDER_LOCK, statement, table.name(), scans + " sequential scan(s) under "
                        + is.strongest().describe(), Evidence.MEASURED);
            }
            return;
        }
        List<String> changes = new ArrayList<>();
        if (was.validConstraints() != RelationState.UNKNOWN && is.validConstraints() > was.validConstraints()) {
            changes.add("a CHECK or FOREIGN KEY constraint added valid");
        }
        if (was.notNullColumns() != null && is.notNullColumns() != null
                && !is.notNullColumns().equals(was.notNullColumns()) && statement.code().contains("SET NOT NULL")) {
            changes.add("SET NOT NULL on an existing column (no scan only if a valid CHECK (col IS NOT NULL) exists)");
        }
        if (is.isPartition() && !was.isPartition()) {
            changes.add("attached as a partition (no scan only if a valid CHECK implies the bound)");
        }
        if (!changes.isEmpty()) {
            add(Finding.FULL_TABLE_SCAN_UNDER_LOCK, statement, table.name(), String.join("; ", changes),
                    Evidence.CATALOG);
        }
    }

    private int rewriteReasons(long table) {
        try {
            return CatalogReads.rewriteReasons(connection, table);
        } catch (SQLException e) {
            LOG.debug("No table_rewrite reason for a rewrite: {}", e.getMessage());
            return 0;
        }
    }

    /** Reports the blocking locks of a transaction that ended, when statements ran while they were held. */
    private void closeHeldLocks() {
        held.values().forEach(this::report);
        held.clear();
    }

    private void report(HeldLock lock) {
        if (lock.later > 0) {
            add(Finding.LOCK_HELD_ACROSS_STATEMENTS, lock.takenBy, lock.table, lock.mode.describe() + " held while "
                    + lock.later + " later statement(s) ran, up to " + lock.last.file() + ":" + lock.last.line(),
                    Evidence.MEASURED);
        }
    }

    private void add(Finding finding, ExecutedStatement statement, String object, String detail, Evidence evidence) {
        findings.add(new Noted(order.getOrDefault(statement, order.size()), new SafetyFinding(finding, direction,
                statement.file(), statement.line(), object, detail, evidence, "")));
    }

    private static boolean isZero(String lockTimeout) {
        return lockTimeout == null || lockTimeout.equals("0") || lockTimeout.matches("0+\\s*(ms|s|min|h|d)?");
    }

    /** Inside a transaction the relations it holds a lock on; in auto-commit all of them. */
    private CatalogReads.Reading read(boolean inTransaction, ExecutedStatement statement) {
        reads++;
        try {
            return inTransaction ? CatalogReads.readLocked(connection, previous, highest, start, newIndexes,
                    countEveryIndex, this::firstSeen, oid -> goneUnnamed.putIfAbsent(oid, statement))
                    : CatalogReads.readAll(connection, relations);
        } catch (SQLException e) {
            stop(e);
            return null;
        }
    }

    /** Not the migration's failure: measuring stops for this step and says why. */
    private void stop(SQLException e) {
        LOG.warn("Safety measurement stopped for this step: {}", e.getMessage());
        broken = true;
    }

    private boolean inTransaction() {
        try {
            return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
        } catch (SQLException e) {
            return false;
        }
    }
}
