package io.github.migrationtest.verifier.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what the tests assert on straight from the catalog, so they prove the schema really changed. */
public final class SchemaProbe {

    private final Connection connection;

    public SchemaProbe(Connection connection) {
        this.connection = connection;
    }

    /** Tables in {@code public}, sorted. */
    public List<String> tables() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    }

    /** Columns of a table in {@code public}, in order. */
    public List<String> columns(String table) throws SQLException {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
                + " ORDER BY ordinal_position", table);
    }

    /** Indexes in {@code public}, sorted. */
    public List<String> indexes() throws SQLException {
        return strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
    }

    public List<String> strings(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    public String value(String sql) throws SQLException {
        List<String> values = strings(sql);
        return values.isEmpty() ? null : values.get(0);
    }
}
