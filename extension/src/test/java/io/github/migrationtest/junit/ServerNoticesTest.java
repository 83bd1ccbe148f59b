package io.github.migrationtest.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.migrationtest.verifier.postgres.DisposableDatabase;
import io.github.migrationtest.verifier.postgres.PostgresServer;
import io.github.migrationtest.verifier.postgres.PostgresSettings;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** What the CLI prints about how Postgres was provided reaches a test run's output and report too. */
class ServerNoticesTest {

    @MigrationTest(location = "classpath:histories/passing")
    static class OnAServerWhoseUserIsNoSuperuserTestCase implements MigrationChecks {
    }

    @Test
    void a_server_notice_is_a_report_entry_and_a_line_on_standard_error() throws Exception {
        // An existing server whose user may create databases but is no superuser: the run says that its
        // migrations run as that user, since it cannot make a role of its own with less.
        String role = "notice_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 1);
        try (DisposableDatabase entry = PostgresServer.shared().createDatabase();
                Connection admin = entry.connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD 'notice-pw'");
            Kit.Run run = Kit.runCapturingStandardError(OnAServerWhoseUserIsNoSuperuserTestCase.class,
                    PostgresSettings.BACKEND, "server", PostgresSettings.URL, entry.jdbcUrl(),
                    PostgresSettings.USER, role, PostgresSettings.PASSWORD, "notice-pw");
            EngineExecutionResults results = run.results();

            List<String> notices = results.allEvents().reportingEntryPublished().stream()
                    .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                    .filter(pairs -> pairs.containsKey(ServerNotices.REPORT_KEY))
                    .map(pairs -> pairs.get(ServerNotices.REPORT_KEY)).toList();
            assertThat(notices).singleElement().asString()
                    .startsWith("The migrations run as " + role + ", the server's user: it is not a superuser");
            assertThat(run.standardError()).contains("migrationtest: The migrations run as " + role);
            assertThat(results.testEvents().failed().count()).as("failed tests").isZero();
        }
    }
}
