package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.ProgressListener;
import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.progress.SlowStatementLog;
import io.github.migrationtest.verifier.progress.StatementWatch;
import io.github.migrationtest.verifier.report.VerificationReport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs the verifier once per test class; every dynamic test of {@link MigrationChecks} reads the same report. */
final class ClassVerification {

    private static final String REPORT = "verification report";

    private ClassVerification() {
    }

    static VerificationReport report(ExtensionContext context) {
        HistoryUnderTest history = Stores.history(context);
        return Stores.store(Stores.classContext(context)).getOrComputeIfAbsent(Stores.ClassKey.of(REPORT, context),
                key -> verify(history), VerificationReport.class);
    }

    /**
     * A statement that keeps running gets a line on standard error at growing intervals (after 10 s,
     * 30 s, 1 min, ...): a test run's SLF4J often goes nowhere, and a hang would show nothing.
     */
    private static VerificationReport verify(HistoryUnderTest history) {
        Consumer<String> lines = line -> System.err.println("migrationtest: " + line + " (verifying "
                + history.source().location() + ")");
        try (StatementWatch watch = SlowStatementLog.watch(history.server().server(), SlowStatementLog.DEFAULT_INTERVAL,
                lines)) {
            return new Verifier(history.source(), history.config().verifier())
                    .verify(history.server().server(), new PartServerWatches(lines));
        }
    }

    /** The servers a walk in parts starts for a history with server-wide changes are watched as well. */
    private static final class PartServerWatches implements ProgressListener {
        private final Consumer<String> lines;
        private final Map<PostgresServer, StatementWatch> watches = new ConcurrentHashMap<>();

        PartServerWatches(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void serverStarted(PostgresServer server) {
            watches.put(server, SlowStatementLog.watch(server, SlowStatementLog.DEFAULT_INTERVAL, lines));
        }

        @Override
        public void serverStopping(PostgresServer server) {
            StatementWatch watch = watches.remove(server);
            if (watch != null) {
                watch.close();
            }
        }
    }
}
