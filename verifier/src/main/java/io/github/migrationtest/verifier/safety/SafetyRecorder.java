package io.github.migrationtest.verifier.safety;

import io.github.migrationtest.verifier.source.Direction;
import io.github.migrationtest.verifier.source.StatementListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the statements of every step the verifier observes, on whichever working database it
 * runs: steps are told apart by their connection, so parts of a history walked at once do not mix.
 */
public final class SafetyRecorder implements StatementListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyRecorder.class);

    private final Map<Connection, StepObserver> steps = new ConcurrentHashMap<>();

    /**
     * Starts observing a step about to run on {@code connection}: reads which relations exist now. A
     * failure to read leaves the step unobserved; it never fails the step.
     */
    public void begin(Direction direction, Connection connection) {
        try {
            steps.put(connection, new StepObserver(direction, connection, CatalogReads.relations(connection)));
        } catch (SQLException e) {
            LOG.warn("Safety measurement skipped for a step: {}", e.getMessage());
        }
    }

    /** Ends observing the step on {@code connection}; what it found. */
    public StepRecord end(Direction direction, Connection connection) {
        StepObserver step = steps.remove(connection);
        return step == null ? StepRecord.none(direction) : step.end();
    }

    @Override
    public void scriptStarting(Connection connection, String file, String text) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.scriptStarting(file, text);
        }
    }

    @Override
    public void beforeStatement(Connection connection, ExecutedStatement statement) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.before(statement);
        }
    }

    @Override
    public void afterStatement(Connection connection, ExecutedStatement statement) {
        StepObserver step = steps.get(connection);
        if (step != null) {
            step.after(statement);
        }
    }
}
