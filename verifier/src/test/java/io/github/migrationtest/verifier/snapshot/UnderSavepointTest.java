package io.github.migrationtest.verifier.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.migrationtest.verifier.source.FreshDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnderSavepointTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    /** A transaction with work of its own, as a migration's is when the reader drains the recorder's log inside it. */
    private Connection transactionThatCreatedATable() throws SQLException {
        Connection connection = db.connection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id int)");
        }
        return connection;
    }

    @Test
    void a_query_the_server_fails_leaves_the_transactions_work_and_the_failure() throws Exception {
        Connection connection = transactionThatCreatedATable();

        assertThatThrownBy(() -> UnderSavepoint.read(connection, "select * from no_such_table", s -> { }, rows -> 0))
                .isInstanceOf(SQLException.class).hasMessageContaining("no_such_table");

        connection.commit();
        assertThat(db.probe().tables()).containsExactly("kept");
    }

    @Test
    void a_failure_reading_the_rows_leaves_the_transactions_work() throws Exception {
        Connection connection = transactionThatCreatedATable();

        assertThatThrownBy(() -> UnderSavepoint.read(connection, "select 1", s -> { }, rows -> {
            throw new SQLException("the rows were not what the reader expected");
        })).hasMessage("the rows were not what the reader expected");

        connection.commit();
        assertThat(db.probe().tables()).containsExactly("kept");
    }
}
