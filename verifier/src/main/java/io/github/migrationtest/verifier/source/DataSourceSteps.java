package io.github.migrationtest.verifier.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Runs a step on a connection of its own, turning a refused connection into a failure. */
final class DataSourceSteps {

    private DataSourceSteps() {}

    static StepResult withConnection(
            DataSource dataSource, Revision revision, Direction direction, Function<Connection, StepResult> step) {
        try (Connection connection = dataSource.getConnection()) {
            return step.apply(connection);
        } catch (SQLException e) {
            MigrationFailure failure = new MigrationFailure(
                    String.join(", ", revision.files()), 0, 0,
                    "could not connect to the database: " + e.getMessage(), "", "", e.getSQLState(), "");
            throw new MigrationFailedException(revision, direction, failure, e);
        }
    }
}
