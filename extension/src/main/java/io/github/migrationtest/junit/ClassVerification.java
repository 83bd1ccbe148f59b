package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.Verifier;
import io.github.migrationtest.verifier.progress.SlowStatementLog;
import io.github.migrationtest.verifier.progress.StatementWatch;
import io.github.migrationtest.verifier.report.VerificationReport;
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
        try (StatementWatch watch = SlowStatementLog.watch(history.server().server(), SlowStatementLog.DEFAULT_INTERVAL,
                line -> System.err.println("migrationtest: " + line + " (verifying " + history.source().location() + ")"))) {
            return new Verifier(history.source(), history.config().verifier()).verify(history.server().server());
        }
    }
}
