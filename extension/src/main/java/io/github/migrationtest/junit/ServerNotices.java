package io.github.migrationtest.junit;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the user must hear about how Postgres was provided (an automatic fallback to another backend,
 * a killed run's server or databases reclaimed, migrations running as the server's user): the
 * command line prints it; a test run shows it in the test's output and its report, not in a log
 * that a project without an SLF4J binding never shows.
 */
final class ServerNotices {

    /** The report entry each notice is published under. */
    static final String REPORT_KEY = "migrationtest.notice";

    private ServerNotices() {
    }

    static void tell(ExtensionContext context, List<String> notices) {
        for (String notice : notices) {
            // Standard error as well: Maven's console shows a test's output, not its report entries.
            System.err.println("migrationtest: " + notice);
            context.publishReportEntry(REPORT_KEY, notice);
        }
    }
}
