package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The session settings a catalog read runs under, set for its own transaction only, so that the
 * migrations' session is left as it was.
 *
 * <ul>
 * <li>{@code search_path} only {@code pg_catalog}: catalog functions then qualify every user
 * object's name, the same way in every database.</li>
 * <li>{@code plan_cache_mode = force_generic_plan}: each query is planned once per connection, not
 * once per snapshot.</li>
 * <li>{@code jit = off}: on a server built with LLVM, a catalog query's estimated cost can pass
 * {@code jit_above_cost}, and compiling it took 22 ms per read on average, up to 140 (measured on
 * Debian's Postgres 15), for a statement that runs in under one.</li>
 * <li>For partial reads, no sequential scans, hash or merge joins: a partial read looks up a few
 * units among many, in catalogs that are in memory, where index lookups in nested loops always win.
 * A generic plan cannot know how many units are asked for, and its costs (made for disk) chose
 * scans of whole catalogs: the constraints of one table took 0.5 ms instead of 0.15.</li>
 * <li>{@code DateStyle = ISO}: stored expressions' date and time literals are written out in the
 * reading session's style, and {@link CreationTimes} recognises only ISO ones.</li>
 * </ul>
 */
record ReadSettings(SortedMap<String, String> values) {
    static final ReadSettings WHOLE = of("search_path", "pg_catalog", "plan_cache_mode", "force_generic_plan",
            "jit", "off", "DateStyle", "ISO");
    static final ReadSettings PARTIAL = WHOLE.with("enable_seqscan", "off", "enable_hashjoin", "off",
            "enable_mergejoin", "off");

    private static ReadSettings of(String... pairs) {
        return new ReadSettings(new TreeMap<>()).with(pairs);
    }

    private ReadSettings with(String... pairs) {
        SortedMap<String, String> all = new TreeMap<>(values);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return new ReadSettings(Collections.unmodifiableSortedMap(all));
    }

    /** The name of the placeholder setting that keeps the session's values while a read in its transaction runs. */
    private static final String SAVED = "migrationtest.read_settings";

    /**
     * The statements a batch runs around its work to have these settings, all in its one round trip.
     *
     * @param set a {@code select} that sets them, to which the batch may add columns of its own
     * @param resultsBefore how many results come before {@code set}'s
     * @param restore null, or the statement that ends the batch and puts the session's values back
     */
    record Around(String set, int resultsBefore, String restore) {

        /**
         * One query string: the settings, with {@code columns} (empty, or starting with a comma) added to their select,
         * then {@code work} (empty: none), then the restore. Its own results start after {@link #skip}.
         */
        String wrap(String columns, String work) {
            return set + columns + (work.isEmpty() ? "" : ";\n" + work) + (restore == null ? "" : ";\n" + restore);
        }

        /** Whether the batch runs in the caller's transaction (and puts the session's values back). */
        boolean inTransaction() {
            return restore != null;
        }

        /** Moves {@code statement}, just executed, to {@link #set}'s result. */
        void skip(Statement statement) throws SQLException {
            for (int i = 0; i < resultsBefore; i++) {
                statement.getMoreResults();
            }
        }
    }

    /** Work sent in one batch, around which the settings are set and put back. */
    interface Batch<T> {
        T run(Around around) throws SQLException;
    }

    /**
     * Runs {@code batch} under these settings, in one round trip. Outside a transaction the settings are the batch's
     * first statement and end with its implicit transaction (everything before the protocol's one Sync is one).
     * Inside the caller's transaction the batch first keeps the session's values in a placeholder setting of its own
     * ({@link #SAVED}, local to the transaction), sets these, and ends by setting the kept values back: asking for the
     * values first and putting them back after the read cost three more round trips a read (generated-200 on one
     * database: the walk 0.95x without them; BENCHMARKS.md, Session 19).
     */
    <T> T run(Connection connection, Batch<T> batch) throws SQLException {
        if (connection.getAutoCommit()) {
            return batch.run(new Around(sql(), 0, null));
        }
        return batch.run(new Around(save() + ";\n" + sql(), 1, restore()));
    }

    /**
     * SQL that sets these for the current transaction (the names and values are ours, not the
     * user's), in a stable order: the batch it starts is prepared once per connection by its text.
     */
    private String sql() {
        return values.entrySet().stream()
                .map(e -> "pg_catalog.set_config('" + e.getKey() + "', '" + e.getValue() + "', true)")
                .collect(Collectors.joining(", ", "select ", ""));
    }

    /** Keeps the session's values of these settings, as a JSON array in this order, in {@link #SAVED}. */
    private String save() {
        return values.keySet().stream().map(name -> "pg_catalog.current_setting('" + name + "')")
                .collect(Collectors.joining(", ", "select pg_catalog.set_config('" + SAVED + "', pg_catalog.json_build_array(",
                        ")::pg_catalog.text, true)"));
    }

    /** Sets the values {@link #save} kept back, for the current transaction, as they were before the read. */
    private String restore() {
        List<String> names = List.copyOf(values.keySet());
        return IntStream.range(0, names.size()).mapToObj(i -> "pg_catalog.set_config('" + names.get(i)
                        + "', pg_catalog.json_extract_path_text(pg_catalog.current_setting('" + SAVED
                        + "')::pg_catalog.json, '" + i + "'), true)")
                .collect(Collectors.joining(", ", "select ", ""));
    }
}
