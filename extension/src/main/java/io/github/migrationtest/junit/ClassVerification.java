package io.github.migrationtest.junit;

import io.github.migrationtest.verifier.Verifier;
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
                key -> new Verifier(history.source(), history.config().verifier()).verify(history.server().server()),
                VerificationReport.class);
    }
}
