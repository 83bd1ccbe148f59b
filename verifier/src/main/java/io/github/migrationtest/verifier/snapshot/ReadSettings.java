package io.github.migrationtest.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

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

    /** Work sent in one batch, after {@code prefix} (null: nothing to send first). */
    interface Batch<T> {
        T run(String prefix) throws SQLException;
    }

    /**
     * Runs {@code batch} under these settings. Outside a transaction the settings are the batch's
     * first statement and end with its implicit transaction (everything before the protocol's one
     * Sync is one); inside the caller's transaction they are set, then put back.
     */
    <T> T run(Connection connection, Batch<T> batch) throws SQLException {
        if (connection.getAutoCommit()) {
            return batch.run(sql());
        }
        ReadSettings before = current(connection);
        apply(connection);
        try {
            return batch.run(null);
        } finally {
            before.apply(connection);
        }
    }

    /**
     * SQL that sets these for the current transaction (the names and values are ours, not the
     * user's), in a stable order: the batch it starts is prepared once per connection by its text.
     */
    String sql() {
        return values.entrySet().stream()
                .map(e -> "set_config('" + e.getKey() + "', '" + e.getValue() + "', true)")
                .collect(Collectors.joining(", ", "select ", ""));
    }

    /** The values the session has now for the same settings, to put back after a read in the caller's transaction. */
    ReadSettings current(Connection connection) throws SQLException {
        String sql = values.keySet().stream().map(name -> "current_setting('" + name + "')")
                .collect(Collectors.joining(", ", "select ", ""));
        SortedMap<String, String> now = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            row.next();
            int column = 1;
            for (String name : values.keySet()) {
                now.put(name, row.getString(column++));
            }
        }
        return new ReadSettings(now);
    }

    /** Sets these for the current transaction, by parameters (a saved value may be anything). */
    void apply(Connection connection) throws SQLException {
        String sql = values.keySet().stream().map(name -> "set_config(?, ?, true)")
                .collect(Collectors.joining(", ", "select ", ""));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Map.Entry<String, String> setting : values.entrySet()) {
                statement.setString(parameter++, setting.getKey());
                statement.setString(parameter++, setting.getValue());
            }
            statement.execute();
        }
    }
}
