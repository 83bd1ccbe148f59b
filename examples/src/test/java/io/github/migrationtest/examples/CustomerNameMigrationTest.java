package io.github.migrationtest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.junit.MigrationRunner;
import io.github.migrationtest.junit.MigrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A data migration test: revision 5 splits customers' names in two. Rows written in the old shape
 * must come out right after the upgrade, and whole again after the downgrade. Each test method
 * gets a fresh database that starts at base.
 */
@MigrationTest(location = "classpath:db/migration")
class CustomerNameMigrationTest {

    @Test
    void revision_5_splits_names_and_its_downgrade_joins_them_again(MigrationRunner runner, DataSource db)
            throws SQLException {
        runner.upgradeTo("4");
        update(db, "INSERT INTO customers (name, email) VALUES (?, ?)", "Ada Lovelace", "ada@example.org");
        update(db, "INSERT INTO customers (name) VALUES (?)", "Plato");

        runner.upgradeTo("5");
        assertThat(query(db, "SELECT first_name, coalesce(last_name, '-') FROM customers ORDER BY id"))
                .containsExactly("Ada | Lovelace", "Plato | -");

        runner.downgradeTo("4");
        assertThat(query(db, "SELECT name, coalesce(email, '-') FROM customers ORDER BY id"))
                .containsExactly("Ada Lovelace | ada@example.org", "Plato | -");
    }

    @Test
    void orders_survive_the_name_split(MigrationRunner runner, DataSource db) throws SQLException {
        runner.upgradeTo("4");
        update(db, "INSERT INTO customers (name) VALUES (?)", "Grace Hopper");
        update(db, "INSERT INTO orders (customer_id, total) SELECT id, 12.50 FROM customers WHERE name = ?", "Grace Hopper");

        runner.upgradeToHead();

        assertThat(query(db, "SELECT c.last_name, o.total::text, o.status::text FROM orders o JOIN customers c "
                + "ON c.id = o.customer_id")).containsExactly("Hopper | 12.50 | open");
    }

    private static void update(DataSource db, String sql, String... values) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** Each row's columns joined with " | ". */
    private static List<String> query(DataSource db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" | ", values));
            }
        }
        return rows;
    }
}
